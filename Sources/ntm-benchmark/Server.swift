import Foundation

/// Drives the release `ntm` binary that sits beside this one: commands, a server, and HTTP
/// measurements taken the way a user feels them (a running server, over a socket).
struct NTMProcess {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ntm").path
    }

    let dataDirectory: String
    let port: Int

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NTM_DATA_DIR"] = dataDirectory
        env["PORT"] = String(port)
        env["LOG_LEVEL"] = "warning"
        env.removeValue(forKey: "DATABASE_URL")
        return env
    }

    /// Runs `ntm <arguments>` to the end and returns what it printed.
    func command(_ arguments: [String]) throws -> String {
        try runProcess(Self.binary, arguments, environment: environment)
    }

    /// Starts `ntm serve` and waits until /health answers.
    func serve() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--env", "production"]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? runProcess("/usr/bin/curl", ["-sf", "-o", "/dev/null", url("/health")])) != nil { return process }
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.terminate()
        throw BenchmarkError("ntm serve did not answer /health on port \(port)")
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Latencies in milliseconds of `count` sequential GETs on one kept-alive connection.
    func latencies(_ path: String, count: Int) throws -> [Double] {
        let arguments = ["-s", "-w", "%{http_code} %{time_total}\\n"] + (0..<count).flatMap { _ in ["-o", "/dev/null", url(path)] }
        let lines = try runProcess("/usr/bin/curl", arguments).split(separator: "\n")
        return try lines.map { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[0] == "200", let seconds = Double(parts[1]) else { throw BenchmarkError("\(path) answered \(line)") }
            return seconds * 1000
        }
    }

    /// Time to first byte and to the end, in seconds, and the bytes of one download.
    func download(_ path: String) throws -> (first: Double, total: Double, bytes: Int) {
        let out = try runProcess("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code} %{time_starttransfer} %{time_total} %{size_download}", url(path)])
        let parts = out.split(separator: " ")
        guard parts.count == 4, parts[0] == "200", let first = Double(parts[1]), let total = Double(parts[2]), let bytes = Int(parts[3]) else {
            throw BenchmarkError("\(path) answered \(out)")
        }
        return (first, total, bytes)
    }
}

/// Resident and peak memory of a process, in MB, from /proc.
func memory(of process: Process) -> (rss: Double, peak: Double) {
    let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
    func field(_ name: String) -> Double {
        let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }
    return (field("VmRSS"), field("VmHWM"))
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

@discardableResult
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchmarkError("\(executable) \(arguments.prefix(3).joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func temporaryDirectory(_ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-bench-\(name)-\(ProcessInfo.processInfo.processIdentifier)").path
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func target(_ ok: Bool) -> String { ok ? "ok" : "OVER" }
