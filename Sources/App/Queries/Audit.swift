import Fluent
import Foundation
import Vapor

/// Writes the append-only audit trail. Called inside the same transaction as the change it records,
/// so a change and its record land together or not at all. Nothing updates or deletes these rows.
enum Audit {
    static func record(_ db: any Database, _ actor: AuditActor, action: String, entity: String, id: String,
                       unitCode: String?, old: (any Encodable)? = nil, new: (any Encodable)? = nil) async throws {
        try await AuditEvent(actorID: actor.userID, actorName: actor.name, action: action, entity: entity, entityID: id,
                             unitCode: unitCode, oldValue: try old.map(json), newValue: try new.map(json),
                             address: actor.address).create(on: db)
    }

    /// The record without saving it, for writers that insert many at once.
    static func event(_ actor: AuditActor, action: String, entity: String, id: String, unitCode: String?,
                      old: (any Encodable)? = nil, new: (any Encodable)? = nil) throws -> AuditEvent {
        AuditEvent(actorID: actor.userID, actorName: actor.name, action: action, entity: entity, entityID: id,
                   unitCode: unitCode, oldValue: try old.map(json), newValue: try new.map(json), address: actor.address)
    }

    private static func json(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
