#!/usr/bin/env python3
"""Writes Resources/Demo/plans.json: critical-path plans for the communes of the scenario.

Each unmet criterion gets a small chain of tasks (survey → works → acceptance); the final
re-assessment waits for all of them. Tasks planned to end before the demo's status day are
mostly done; a few are left unfinished, so the plans show late tasks. All labelled demo.
"""
import datetime as dt, json, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES = {1: "Quy hoạch", 2: "Giao thông", 5: "Trường học", 6: "Cơ sở vật chất văn hóa", 8: "Thông tin và Truyền thông",
         10: "Thu nhập", 13: "Tổ chức sản xuất", 14: "Giáo dục và Đào tạo", 15: "Y tế", 16: "Văn hóa",
         17: "Môi trường và an toàn thực phẩm", 18: "Hệ thống chính trị và tiếp cận pháp luật", 20: "Khu dân cư NTM kiểu mẫu, vườn mẫu"}
STEPS = {  # criterion: [(task name, days, responsible unit, cost in triệu)]
    1: [("Rà soát, điều chỉnh quy hoạch chung xã", 30, "Phòng Kinh tế - Hạ tầng huyện", 350), ("Công bố và cắm mốc quy hoạch", 15, "UBND xã", 120)],
    2: [("Khảo sát, lập hồ sơ đường trục thôn", 20, "UBND xã", 80), ("Bê tông hóa đường trục thôn", 60, "Ban Quản lý dự án huyện", 4200), ("Nghiệm thu công trình giao thông", 7, "Phòng Kinh tế - Hạ tầng huyện", 0)],
    5: [("Sửa chữa phòng học, bổ sung thiết bị", 45, "Phòng Giáo dục và Đào tạo huyện", 1500)],
    6: [("Nâng cấp nhà văn hóa thôn", 40, "UBND xã", 900), ("Xây dựng khu vui chơi trẻ em", 25, "Đoàn Thanh niên xã", 300)],
    8: [("Lắp đặt hệ thống loa truyền thanh đến các thôn", 20, "Trung tâm Văn hóa - Truyền thông huyện", 250)],
    10: [("Triển khai mô hình kinh tế hộ (chăn nuôi, trồng cam)", 60, "Hội Nông dân xã", 600), ("Điều tra thu nhập bình quân", 10, "Chi cục Thống kê", 20)],
    13: [("Củng cố hợp tác xã nông nghiệp", 30, "Liên minh HTX tỉnh", 150), ("Xây dựng liên kết tiêu thụ sản phẩm chủ lực", 30, "Hợp tác xã", 200)],
    14: [("Duy trì phổ cập giáo dục, hoàn thiện hồ sơ", 20, "Phòng Giáo dục và Đào tạo huyện", 30)],
    15: [("Nâng cấp trạm y tế, tăng tỷ lệ BHYT", 45, "Trung tâm Y tế huyện", 700)],
    16: [("Xây dựng thôn văn hóa", 30, "Ban Công tác Mặt trận xã", 50)],
    17: [("Thu gom, xử lý rác thải sinh hoạt", 40, "UBND xã", 400), ("Cải tạo cảnh quan, trồng cây xanh", 30, "Hội Phụ nữ xã", 150)],
    18: [("Chuẩn hóa cán bộ, tiếp cận pháp luật", 30, "UBND xã", 40)],
    20: [("Xây dựng khu dân cư kiểu mẫu, vườn mẫu", 90, "Đơn vị đỡ đầu", 800)],
}

def plan(unit, date, name, start, target, unmet, status, lagging, road_days):
    start_d = dt.date.fromisoformat(start)
    status_d = dt.date.fromisoformat(status)
    tasks, finishes, es = [], {}, {}
    for c in unmet:
        prev = None
        for k, (task_name, days, owner, cost) in enumerate(STEPS[c]):
            if (c, k) == (2, 1):
                days = road_days  # the road works decide whether the commune makes it
            code = f"{c}.{k + 1}"
            pred = [prev] if prev else []
            tasks.append({"code": code, "name": task_name, "criterion": c, "responsibleUnit": owner,
                          "responsiblePerson": "Dữ liệu minh họa (demo)", "duration": days,
                          "predecessors": ", ".join(pred), "plannedCost": cost * 1_000_000})
            es[code] = finishes[prev] if prev else 0
            finishes[code] = es[code] + days
            prev = code
    last = [t["code"] for t in tasks if not any(t["code"] in (u["predecessors"] or "").split(", ") for u in tasks)]
    tasks.append({"code": "TD", "name": "Tự đánh giá, hoàn thiện hồ sơ đề nghị công nhận", "responsibleUnit": "UBND xã",
                  "duration": 10, "predecessors": ", ".join(last), "plannedCost": 20_000_000})
    es["TD"] = max(finishes[c] for c in last)
    finishes["TD"] = es["TD"] + 10
    # Progress as of the status day: finished on time, except the tasks named in `lagging`.
    for t in tasks:
        s = start_d + dt.timedelta(days=es[t["code"]])
        f = start_d + dt.timedelta(days=finishes[t["code"]] - 1)
        if f < status_d and t["code"] not in lagging:
            t["actualStart"], t["actualFinish"], t["percentDone"] = s.isoformat(), f.isoformat(), 100
        elif s <= status_d:
            t["actualStart"] = s.isoformat()
            t["percentDone"] = 40 if t["code"] in lagging else 50
    return {"unit": unit, "date": date, "name": name, "start": start, "target": target, "calendar": "calendar", "tasks": tasks}

plans = [
    plan("18850", "2020-09-10", "Kế hoạch đường găng xã Kỳ Lạc về đích NTM 2020", "2020-09-10", "2020-12-31",
         [1, 2, 6, 8, 10, 13, 15, 17, 18, 20], "2020-11-15", {"2.2", "20.1", "10.1"}, 70),
    plan("18838", "2020-09-10", "Kế hoạch đường găng xã Lâm Hợp về đích NTM 2020", "2020-09-10", "2020-12-31",
         [1, 2, 17, 20], "2020-11-15", {"17.1"}, 60),
    plan("18556", "2022-05-01", "Kế hoạch đường găng xã Hương Lâm về đích NTM 2022", "2022-05-01", "2022-12-31",
         [2, 17, 20, 13, 10, 15, 6, 5, 14, 16], "2022-09-30", {"2.2", "6.1", "15.1"}, 150),
    plan("18559", "2022-05-01", "Kế hoạch đường găng xã Hương Liên về đích NTM 2022", "2022-05-01", "2022-12-31",
         [2, 17, 20, 13, 10, 15, 6, 5, 14], "2022-09-30", {"2.2"}, 140),
    plan("18499", "2022-05-01", "Kế hoạch đường găng xã Điền Mỹ về đích NTM 2022", "2022-05-01", "2022-12-31",
         [2, 17, 20, 13, 10, 15, 6, 5], "2022-09-30", set(), 120),
    plan("18502", "2022-05-01", "Kế hoạch đường găng xã Hà Linh về đích NTM 2022", "2022-05-01", "2022-12-31",
         [5, 6, 13, 14, 15, 17, 20, 2, 10], "2022-09-30", {"13.1", "2.2"}, 150),
]
with open(os.path.join(ROOT, "Resources/Demo/plans.json"), "w", encoding="utf-8") as f:
    json.dump(plans, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(plans), "plans,", sum(len(p["tasks"]) for p in plans), "tasks")
