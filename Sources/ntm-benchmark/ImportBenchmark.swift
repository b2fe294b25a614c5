import Foundation

/// `ntm-benchmark import`: a generated province of 600 communes on a release `ntm serve`; its
/// assessment template downloaded, every cell filled by openpyxl (as an office's Excel would),
/// then uploaded through the API (dry run, then the write) and through `ntm import-assessments`
/// as CSV. Target: the write of 600 communes × 60+ columns under 5 s (issue 11).
enum ImportBenchmark {
    static let communes = 600

    static func run() throws {
        let ntm = NTMProcess(dataDirectory: try temporaryDirectory("import"), port: 8793)
        let folder = ntm.dataDirectory
        var units = "province_code,province,district_code,district,district_type,ward_code,ward,ward_type,lat,lon\n"
        for k in 0..<communes {
            let district = 900 + k / 60
            units += "99,Tỉnh Thử,\(district),Huyện Thử \(district),Huyện,\(90_000 + k),Xã Thử \(k),Xã,\(18 + Double(k % 30) / 10),\(105 + Double(k / 30) / 10)\n"
        }
        try units.write(toFile: folder + "/units.csv", atomically: true, encoding: .utf8)
        let server = try ntm.serve()
        defer { server.terminate() }
        _ = try ntm.command(["import-units", "--file", folder + "/units.csv"])
        _ = try ntm.command(["user", "create-admin", "bench"])
        let token = try tokenFor(ntm)
        let day = "2024-06-30"

        var clock = Date()
        _ = try runProcess("/usr/bin/curl", ["-sf", "-o", folder + "/template.xlsx", ntm.url("/api/v1/units/99/assessments-template.xlsx?date=\(day)")])
        let templateSeconds = Date().timeIntervalSince(clock)
        let filled = try runProcess("/usr/bin/env", ["python3", "-c", fillScript, folder])
        print(String(format: "template for %d communes: %.2f s (%@)", communes, templateSeconds, filled.trimmingCharacters(in: .whitespacesAndNewlines)))

        for (label, dryRun) in [("dry run (check every cell, compute changes)", true), ("write (one transaction, scorecards refreshed)", false)] {
            clock = Date()
            let out = try runProcess("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "--data-binary", "@" + folder + "/filled.xlsx",
                                                       "-H", "Authorization: Bearer \(token)", ntm.url("/api/v1/units/99/assessments/import?date=\(day)&dryRun=\(dryRun)")])
            let seconds = Date().timeIntervalSince(clock)
            print(String(format: "API .xlsx %-48@ %6.2f s  HTTP %@   target ≤ 5 s   %@", label as NSString, seconds, out, target(seconds <= 5 && out.hasPrefix("20"))))
        }
        clock = Date()
        let cli = try ntm.command(["import-assessments", "--file", folder + "/filled.csv", "--unit", "99", "--date", day, "--dry-run"])
        print(String(format: "ntm import-assessments (CSV, dry run, after the write) %.2f s:", Date().timeIntervalSince(clock)))
        print(cli.split(separator: "\n").filter { $0.hasPrefix("[") }.map { "  " + $0 }.joined(separator: "\n"))
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func tokenFor(_ ntm: NTMProcess) throws -> String {
        let out = try ntm.command(["token", "create", "bench", "benchmark"])
        guard let token = out.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw BenchmarkError("no token in: \(out)")
        }
        return token
    }

    /// Fills every verdict and indicator of the template; writes filled.xlsx and filled.csv.
    static let fillScript = #"""
    import csv, openpyxl, os, random, sys
    folder = sys.argv[1]
    random.seed(11)
    wb = openpyxl.load_workbook(os.path.join(folder, "template.xlsx"))
    cells = 0
    for ws in wb.worksheets:
        keys = [c.value for c in ws[1]]
        units = [c.value for c in ws[3]]
        for row in ws.iter_rows(min_row=5):
            for k, key in enumerate(keys):
                if k < 2 or not key:
                    continue
                if key.startswith("TC"):
                    row[k].value = random.choice(["đạt", "không đạt"])
                elif (units[k] or "").startswith("có"):
                    row[k].value = random.choice(["có", "không"])
                else:
                    row[k].value = round(random.uniform(0, 100), 1)
                cells += 1
    wb.save(os.path.join(folder, "filled.xlsx"))
    ws = wb.worksheets[0]
    with open(os.path.join(folder, "filled.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        for row in ws.iter_rows(values_only=True):
            w.writerow(["" if v is None else str(v).replace(".", ",") if isinstance(v, float) else v for v in row])
    print(f"{ws.max_row - 4} rows × {ws.max_column - 2} columns, {cells} cells filled by openpyxl")
    """#
}
