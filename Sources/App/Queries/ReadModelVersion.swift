import Fluent
import NIOConcurrencyHelpers
import SQLKit
import NTMDomain
import Vapor

/// The version of everything the scorecard read model and the unit tree answer. Raised in the
/// transaction of each write that changes them (`ScorecardStore.rebuild`, `UnitTree.link`), read
/// with one small statement before a cached response is trusted.
enum ReadModelVersion {
    static let table = "read_model_version"

    /// "token:version": which database, and how far its read model has moved.
    static func current(db: any Database) async throws -> String {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.select().columns("version", "token").from(table).where("id", .equal, SQLBind(1)).first() else { return "" }
        return "\(try row.decode(column: "token", as: String.self)):\(try row.decode(column: "version", as: Int.self))"
    }

    static func bump(db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update(table).set(SQLIdentifier("version"), to: SQLRaw("version + 1")).where("id", .equal, SQLBind(1)).run()
    }
}

/// JSON bodies of read-only API answers, by request and read-model version. An entry built at an
/// older version is never served: the version is part of the key, and old keys age out.
final class ResponseCache: Sendable {
    static let shared = ResponseCache()
    static let capacity = 512
    /// Larger bodies (a country's full tables) are cheap to rebuild relative to the memory they hold.
    static let largestBody = 512 * 1024

    private let entries = NIOLockedValueBox<(order: [String], bodies: [String: ByteBuffer])>(([], [:]))

    func body(_ key: String, version: String) -> ByteBuffer? {
        entries.withLockedValue { $0.bodies["\(version)|\(key)"] }
    }

    func store(_ body: ByteBuffer, _ key: String, version: String) {
        guard body.readableBytes <= Self.largestBody else { return }
        let full = "\(version)|\(key)"
        entries.withLockedValue { state in
            if state.bodies.updateValue(body, forKey: full) == nil { state.order.append(full) }
            while state.order.count > Self.capacity { state.bodies.removeValue(forKey: state.order.removeFirst()) }
        }
    }

    /// The cached JSON answer for `key`, or `build`'s, encoded once and kept for the next caller.
    func json<T: Content>(_ key: String, request: Request, build: () async throws -> T) async throws -> Response {
        let version = try await ReadModelVersion.current(db: request.db)
        var headers = HTTPHeaders()
        headers.contentType = .json
        if let body = body(key, version: version) {
            return Response(status: .ok, headers: headers, body: .init(buffer: body))
        }
        let response = Response(status: .ok)
        try response.content.encode(try await build(), as: .json)
        if let body = response.body.buffer { store(body, key, version: version) }
        return response
    }
}

/// The country's and provinces' counted roll-ups by read-model version: 10,000 communes are
/// counted once per change, not once per page view.
final class RollupCache: Sendable {
    typealias Rollups = [(unit: AdminUnit, counts: RollupCounts)]
    static let shared = RollupCache()
    static let capacity = 64

    private let entries = NIOLockedValueBox<(order: [String], values: [String: Rollups])>(([], [:]))

    func children(of unit: AdminUnit, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> Rollups {
        let key = "\(try await ReadModelVersion.current(db: db))|\(try unit.requireID())|\(day.iso)"
        if let cached = entries.withLockedValue({ $0.values[key] }) { return cached }
        let rollups = try await DistrictRollup.loadChildren(of: unit, on: day, catalog: catalog, db: db)
        entries.withLockedValue { state in
            if state.values.updateValue(rollups, forKey: key) == nil { state.order.append(key) }
            while state.order.count > Self.capacity { state.values.removeValue(forKey: state.order.removeFirst()) }
        }
        return rollups
    }
}
