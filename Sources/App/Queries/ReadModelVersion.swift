import Fluent
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
enum ResponseCache {
    static let bodies = BoundedCache<ByteBuffer>(capacity: 512)
    /// Larger bodies (a country's full tables) are cheap to rebuild relative to the memory they hold.
    static let largestBody = 512 * 1024

    /// The cached JSON answer for `key`, or `build`'s, encoded once and kept for the next caller.
    static func json<T: Content>(_ key: String, request: Request, build: () async throws -> T) async throws -> Response {
        let versioned = "\(try await ReadModelVersion.current(db: request.db))|\(key)"
        var headers = HTTPHeaders()
        headers.contentType = .json
        if let body = bodies[versioned] {
            return Response(status: .ok, headers: headers, body: .init(buffer: body))
        }
        let response = Response(status: .ok)
        try response.content.encode(try await build(), as: .json)
        if let body = response.body.buffer, body.readableBytes <= largestBody { bodies.store(body, for: versioned) }
        return response
    }
}

/// The country's and provinces' counted roll-ups by read-model version: 10,000 communes are
/// counted once per change, not once per page view.
enum RollupCache {
    typealias Rollups = [(unit: AdminUnit, counts: RollupCounts)]
    static let values = BoundedCache<Rollups>(capacity: 64)

    static func children(of unit: AdminUnit, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> Rollups {
        let key = "\(try await ReadModelVersion.current(db: db))|\(try unit.requireID())|\(day.iso)"
        if let cached = values[key] { return cached }
        let rollups = try await DistrictRollup.loadChildren(of: unit, on: day, catalog: catalog, db: db)
        values.store(rollups, for: key)
        return rollups
    }
}
