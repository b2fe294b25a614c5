import Foundation

/// `ntm-benchmark national [--units FILE]`: the 10,040 units of the 2025-01-01 list, every commune
/// assessed on every indicator on three days, served by a release `ntm serve` on SQLite.
/// Prints each figure next to its target (issue 9).
enum NationalBenchmark {
    static func run(arguments: [String]) throws {
        let units = arguments.firstIndex(of: "--units").map { arguments[$0 + 1] } ?? "../shared/data/admin-units-2024.csv"
        guard FileManager.default.fileExists(atPath: units) else { throw BenchmarkError("No unit list at \(units) (use --units FILE)") }
        let ntm = NTMProcess(dataDirectory: try temporaryDirectory("national"), port: 8791)
        print("Generated national data set: \(units), SQLite in \(ntm.dataDirectory)")

        let loaded = try ntm.command(["benchmark-data", "--units", units])
        let figures = Dictionary(loaded.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { pair -> (String, Double)? in
            let parts = pair.split(separator: "=")
            return parts.count == 2 ? (String(parts[0]), Double(parts[1]) ?? 0) : nil
        }, uniquingKeysWith: { a, _ in a })
        let importSeconds = figures["import_seconds"] ?? .nan, rebuildSeconds = figures["rebuild_seconds"] ?? .nan
        print(String(format: "unit import          %6.2f s   (%d units)              target ≤ 5 s    %@", importSeconds, Int(figures["units"] ?? 0), target(importSeconds <= 5)))
        print(String(format: "assessments written  %6.2f s   (%d assessments, not a target)", figures["generate_seconds"] ?? .nan, Int(figures["assessments"] ?? 0)))
        print(String(format: "scorecard rebuild    %6.2f s   (%d stored rows)          target ≤ 10 s   %@", rebuildSeconds, Int(figures["rows"] ?? 0), target(rebuildSeconds <= 10)))

        let server = try ntm.serve()
        defer { server.terminate() }
        Thread.sleep(forTimeInterval: 1)
        let atRest = memory(of: server)
        let day = "date=2022-12-31"
        let reads: [(String, String, Double, Double)] = [
            ("Thanh Hóa scorecard API", "/api/v1/units/38/scorecard?\(day)", 20, .infinity),
            ("Thanh Hóa page", "/units/38?\(day)", 50, .infinity),
            ("country scorecard API", "/api/v1/units/VN/scorecard?\(day)", 200, .infinity),
            ("country page", "/units/VN?\(day)", 200, .infinity),
        ]
        // "first" is the answer computed from the read model (nothing cached since the server started);
        // the 50 after it are what users see until the next write changes the read model.
        print("\n50 requests each, one connection          first       p50        p99      target (p50)")
        for (name, path, p50Target, _) in reads {
            let first = try ntm.latencies(path, count: 1)[0]
            let times = try ntm.latencies(path, count: 50)
            let p50 = percentile(times, 0.5), p99 = percentile(times, 0.99)
            print(name.padding(toLength: 40, withPad: " ", startingAt: 0)
                  + String(format: " %7.1f ms %7.1f ms %7.1f ms  ≤ %.0f ms  %@", first, p50, p99, p50Target, target(p50 <= p50Target)))
        }
        let beforeExport = memory(of: server)
        print("\nStreamed exports (every criterion of every commune in the country)")
        for format in ["csv", "xlsx"] {
            let download = try ntm.download("/api/v1/units/VN/scorecards.\(format)?\(day)&detail=criteria")
            let after = memory(of: server)
            let rows = format == "csv" ? try rowCount(ntm.url("/api/v1/units/VN/scorecards.csv?\(day)&detail=criteria")) : nil
            print(String(format: "%-5@ %6.2f s total, first byte after %.2f s, %.1f MB%@; server peak RSS %.0f MB (+%.0f MB)   target ≤ 3 s per 100k rows, ≤ +30 MB",
                         format as NSString, download.total, download.first, Double(download.bytes) / 1_048_576,
                         rows.map { String(format: ", %d rows", $0) } ?? "", after.peak, after.peak - beforeExport.peak))
        }
        print(String(format: "\nserver RSS at rest %.0f MB (after the reads %.0f MB, peak %.0f MB)   target ≤ 150 MB   %@",
                     atRest.rss, beforeExport.rss, memory(of: server).peak, target(atRest.rss <= 150)))
        try? FileManager.default.removeItem(atPath: ntm.dataDirectory)
    }

    private static func rowCount(_ url: String) throws -> Int {
        try runProcess("/bin/sh", ["-c", "curl -s '\(url)' | wc -l"]).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").first.flatMap { Int($0) }.map { $0 - 1 } ?? 0
    }
}

/// `ntm-benchmark demo`: the demo data served by a release build; wrk with 32 connections against
/// /health and the Hương Khê district scorecard in the same run.
enum DemoBenchmark {
    static func run() throws {
        let ntm = NTMProcess(dataDirectory: try temporaryDirectory("demo"), port: 8792)
        _ = try ntm.command(["demo"])
        let server = try ntm.serve()
        defer { server.terminate() }
        var results: [(String, Double, Double)] = []
        for (name, path) in [("/health", "/health"), ("district scorecard API", "/api/v1/units/444/scorecard?date=2022-04-26"),
                             ("district page", "/units/444?date=2022-04-26"), ("commune page", "/units/18502?date=2022-04-26")] {
            _ = try ntm.latencies(path, count: 1) // steady state: the first answer fills the caches
            let out = try runProcess("/usr/bin/wrk", ["-t2", "-c32", "-d10s", "--latency", ntm.url(path)])
            let rps = out.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") }.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
            let p99 = out.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("99%") }
                .map { milliseconds(String($0.split(separator: " ").last ?? "")) } ?? .nan
            results.append((name, rps, p99))
        }
        let health = results[0].1
        print("wrk -t2 -c32 -d10s, demo data, release build      req/s     % of /health   p99")
        for (name, rps, p99) in results {
            print(name.padding(toLength: 45, withPad: " ", startingAt: 0)
                  + String(format: " %8.0f   %6.1f %%     %6.1f ms", rps, rps * 100 / max(health, 1), p99))
        }
        let api = results[1]
        print("target: district scorecard API ≥ 30 % of /health and p99 ≤ 50 ms   \(target(api.1 >= 0.3 * health && api.2 <= 50))")
        try? FileManager.default.removeItem(atPath: ntm.dataDirectory)
    }

    /// wrk writes latencies as 812.00us, 3.21ms or 1.02s.
    private static func milliseconds(_ text: String) -> Double {
        if text.hasSuffix("us") { return (Double(text.dropLast(2)) ?? .nan) / 1000 }
        if text.hasSuffix("ms") { return Double(text.dropLast(2)) ?? .nan }
        if text.hasSuffix("s") { return (Double(text.dropLast(1)) ?? .nan) * 1000 }
        return .nan
    }
}
