"""Edits an office would make to NTM's assessment template, shared by the Swift suite
(Tests/AppTests/AssessmentImportTests.swift runs it with python3) and the browser tests."""
import csv
import os


def edit_template(source, folder):
    """Two verdicts a declaration decides (no indicator of the criterion measured) turned to "đạt";
    a percentage of a third commune made "abc". Writes broken.xlsx, fixed.xlsx and fixed.csv (';',
    BOM, decimal commas) into `folder`; returns (changed, broken_path, fixed_path, row, column)."""
    import openpyxl
    wb = openpyxl.load_workbook(source)
    ws = wb.worksheets[0]
    keys = [c.value for c in ws[1]]
    changed, broken = [], None
    for row in ws.iter_rows(min_row=5):
        if len(changed) == 2:
            break
        for k, key in enumerate(keys):
            if (key or "").startswith("TC") and row[k].value == "không đạt":
                n = key[2:]
                if all(row[j].value is None for j, other in enumerate(keys) if (other or "").startswith(n + ".")):
                    row[k].value = "đạt"
                    changed.append(row[0].value)
                    break
    for row in ws.iter_rows(min_row=5):
        if row[0].value in changed or broken:
            continue
        for k, key in enumerate(keys):
            if ws.cell(row=3, column=k + 1).value == "%" and isinstance(row[k].value, (int, float)):
                broken = (row[0].row, key, row[k].value)
                row[k].value = "abc"
                break
    broken_path, fixed_path = os.path.join(folder, "broken.xlsx"), os.path.join(folder, "fixed.xlsx")
    wb.save(broken_path)
    ws.cell(row=broken[0], column=keys.index(broken[1]) + 1).value = broken[2]
    wb.save(fixed_path)
    with open(os.path.join(folder, "fixed.csv"), "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        for values in ws.iter_rows(values_only=True):
            writer.writerow(["" if v is None else str(v).replace(".", ",") if isinstance(v, float) else v for v in values])
    return len(changed), broken_path, fixed_path, broken[0], broken[1]
