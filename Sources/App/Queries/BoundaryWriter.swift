import Fluent
import Foundation
import NTMDomain

/// Loads a unit's outline from GeoJSON: checked whole (coordinates, size), replaces the previous
/// one in one transaction, audited. The map reads it from then on.
enum BoundaryWriter {
    static func save(_ bytes: [UInt8], unit: AdminUnit, source: String?, actor: AuditActor, db: any Database) async throws -> UnitBoundary {
        let boundary: Boundary
        do { boundary = try Boundary.parse(bytes) } catch {
            throw AppError(problems: [problem(error)])
        }
        let record = try UnitBoundary(unitID: try unit.requireID(), boundary: boundary,
                                      source: source.map(TextFolding.normalized).flatMap { $0.isEmpty ? nil : $0 }, loadedBy: actor.name)
        try await db.transaction { tx in
            try await UnitBoundary.query(on: tx).filter(\.$unit.$id == unit.requireID()).delete()
            try await record.create(on: tx)
            try await Audit.record(tx, actor, action: "load", entity: "boundary", id: unit.code, unitCode: unit.code,
                                   new: ["polygons": String(boundary.rings.count), "points": String(record.pointCount), "source": record.source ?? ""])
        }
        return record
    }

    static func problem(_ error: Boundary.Problem) -> InputProblem {
        switch error {
        case .notJSON:
            InputProblem(field: "body", vi: "Tệp không phải JSON (cần GeoJSON: FeatureCollection, Feature, Polygon hoặc MultiPolygon)",
                         en: "The file is not JSON (GeoJSON expected: FeatureCollection, Feature, Polygon or MultiPolygon)")
        case .noPolygon:
            InputProblem(field: "body", vi: "Tệp GeoJSON không có vùng nào (Polygon hoặc MultiPolygon)", en: "The GeoJSON file has no Polygon or MultiPolygon")
        case .badCoordinates(let path):
            InputProblem(field: path, vi: "Toạ độ tại \(path) không hợp lệ (cần [kinh độ, vĩ độ] theo độ, vòng ít nhất 3 điểm)",
                         en: "Coordinates at \(path) are invalid ([longitude, latitude] in degrees, rings of 3 points at least)")
        case .tooManyPoints(let count):
            InputProblem(field: "body", vi: "Ranh giới có \(count) điểm, nhiều hơn \(Boundary.maxPoints): hãy đơn giản hoá trong QGIS",
                         en: "The boundary has \(count) points, more than \(Boundary.maxPoints): simplify it in QGIS")
        }
    }
}
