import Fluent
import Foundation
import NTMDomain
import SQLKit

/// The scorecard read model. Writers call `refresh` in the transaction that changes an input
/// (assessment, linked target, recognition below, criteria set); `ntm scorecards rebuild` calls
/// `rebuild`. Lists and roll-ups read `latest`, one query for a whole subtree.
enum ScorecardStore {
    static let table = "scorecards"
    /// Units per rebuild batch: 500 ids to bind, a few thousand assessments in memory.
    static let batchSize = 500

    // MARK: Writes

    /// Re-evaluates and stores every scorecard of the given units.
    static func refresh(_ units: [AdminUnit], db: any Database) async throws {
        let ids = units.compactMap(\.id)
        guard !ids.isEmpty else { return }
        try await rebuild(unitIDs: ids, db: db)
    }

    /// After a recognition below them changes, the units above re-derive their conditions.
    static func refreshAncestors(of unit: AdminUnit, db: any Database) async throws {
        try await refresh(try await UnitTree.ancestors(of: unit, db: db), db: db)
    }

    /// Recomputes stored scorecards from the records: of `unitIDs`, or of every unit when nil.
    /// Returns the number of rows written.
    @discardableResult
    static func rebuild(unitIDs: [UUID]?, db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        // First, the version row: its lock (held to commit) makes concurrent refreshes take turns,
        // so two writers never delete and re-insert the same scorecard rows at once (a deadlock on
        // PostgreSQL), and the later one re-reads what the earlier committed.
        try await ReadModelVersion.bump(db: db)
        let catalog = try await CriteriaQueries.catalog(db: db)
        let ids: [UUID]
        if let unitIDs {
            ids = unitIDs
            for chunk in ids.chunked(by: batchSize) { try await sql.delete(from: table).where("unit_id", .in, Array(chunk)).run() }
        } else {
            ids = try await candidates(catalog: catalog, sql: sql)
            try await sql.delete(from: table).run()
        }
        var written = 0
        for chunk in ids.chunked(by: batchSize) {
            let units = try await AdminUnit.query(on: db).filter(\.$id ~~ Array(chunk)).all()
            let rows = try await evaluate(units, catalog: catalog, db: db, sql: sql)
            try await insert(rows, sql: sql)
            written += rows.count
        }
        return written
    }

    /// Units that can have a stored scorecard: assessed, fed by a linked target, or scored by a set
    /// that derives conditions from the units below.
    private static func candidates(catalog: CriteriaCatalog, sql: any SQLDatabase) async throws -> [UUID] {
        var ids = Set<UUID>()
        for row in try await sql.select().distinct().column("unit_id").from(Assessment.schema).all() {
            ids.insert(try row.decode(column: "unit_id", as: UUID.self))
        }
        for row in try await sql.select().distinct().column("unit_id").from(SocioTargetRecord.schema)
            .where("linked_indicator", .isNot, SQLLiteral.null).all() {
            ids.insert(try row.decode(column: "unit_id", as: UUID.self))
        }
        let derivedLevels = Set(catalog.definitions.filter { $0.conditions.contains { $0.derived != nil } }.map(\.level.rawValue))
        if !derivedLevels.isEmpty {
            for row in try await sql.select().column("id").from(AdminUnit.schema).where("level", .in, Array(derivedLevels)).all() {
                ids.insert(try row.decode(column: "id", as: UUID.self))
            }
        }
        return ids.sorted { $0.uuidString < $1.uuidString }
    }

    struct Row {
        var unitID: UUID
        var day: Day
        var summary: ScoreSummary
    }

    /// An assessment as the engine reads it.
    private struct Recorded {
        var day: Day
        var values: [String: IndicatorValue] = [:]
        var declarations: [Int: Declaration] = [:]
    }

    private static func evaluate(_ units: [AdminUnit], catalog: CriteriaCatalog, db: any Database, sql: any SQLDatabase) async throws -> [Row] {
        let ids = units.compactMap(\.id)
        // Every assessment of the batch with its values and declarations: three queries.
        var recorded: [UUID: (unit: UUID, set: String, entry: Recorded)] = [:]
        for row in try await sql.select().columns("id", "unit_id", "set_code", "as_of").from(Assessment.schema).where("unit_id", .in, ids).all() {
            guard let day = Day(try row.decode(column: "as_of", as: String.self)) else { continue }
            recorded[try row.decode(column: "id", as: UUID.self)] = (try row.decode(column: "unit_id", as: UUID.self),
                                                                     try row.decode(column: "set_code", as: String.self), Recorded(day: day))
        }
        for row in try await entries(AssessmentValue.schema, ["indicator_code", "number_value", "flag_value"], units: ids, sql: sql) {
            let id = try row.decode(column: "assessment_id", as: UUID.self)
            let value: IndicatorValue? = if let n = try row.decode(column: "number_value", as: Double?.self) { .number(n) }
                else if let f = try row.decode(column: "flag_value", as: Bool?.self) { .yes(f) } else { nil }
            guard let value else { continue }
            let code = try row.decode(column: "indicator_code", as: String.self)
            if recorded[id]?.entry.values[code] == nil { recorded[id]?.entry.values[code] = value }
        }
        for row in try await entries(AssessmentDeclaration.schema, ["criterion_number", "met", "note", "applicable"], units: ids, sql: sql) {
            let id = try row.decode(column: "assessment_id", as: UUID.self)
            let number = try row.decode(column: "criterion_number", as: Int.self)
            if recorded[id]?.entry.declarations[number] == nil {
                recorded[id]?.entry.declarations[number] = Declaration(met: try row.decode(column: "met", as: Bool.self),
                                                                      applicable: try row.decode(column: "applicable", as: Bool?.self) ?? true,
                                                                      note: try row.decode(column: "note", as: String?.self))
            }
        }
        var byUnitSet: [UUID: [String: [Recorded]]] = [:]
        for (_, r) in recorded { byUnitSet[r.unit, default: [:]][r.set, default: []].append(r.entry) }

        let groups = try await CommuneGroupQueries.assignments(of: ids, db: db)
        // Linked targets: unit → year → indicator → actual.
        var linked: [UUID: [Int: [String: IndicatorValue]]] = [:]
        for target in try await SocioTargetRecord.query(on: db).filter(\.$unit.$id ~~ ids).filter(\.$linkedIndicator != nil).all() {
            guard let indicator = target.linkedIndicator, let actual = target.actual else { continue }
            if linked[target.$unit.id, default: [:]][target.year, default: [:]][indicator] == nil {
                linked[target.$unit.id, default: [:]][target.year, default: [:]][indicator] = .number(actual)
            }
        }

        var rows: [Row] = []
        for unit in units {
            guard let unitID = unit.id else { continue }
            let ownLinked = linked[unitID] ?? [:]
            let assessedSets = byUnitSet[unitID] ?? [:]
            var sets = Set(assessedSets.keys)
            for definition in catalog.definitions where definition.level == unit.level
                && (definition.province == nil || definition.province == unit.provinceCode)
                && (!ownLinked.isEmpty || definition.conditions.contains { $0.derived != nil }) {
                sets.insert(definition.code)
            }
            var derivedInputs: DerivedValues.Inputs?
            for code in sets.sorted() {
                guard let set = try? catalog.resolve(code: code) else { continue }
                let hasDerived = set.definition.conditions.contains { $0.derived != nil }
                if hasDerived && derivedInputs == nil { derivedInputs = try await DerivedValues.inputs(for: unit, db: db) }
                let assessments = (assessedSets[code] ?? []).sorted { $0.day < $1.day }
                let linkedYears = ownLinked.keys.flatMap { [$0, $0 + 1] }
                let ownGroups = set.communeGroups.isEmpty ? nil : groups[unitID]
                let days = ScorecardTimeline.changeDays(assessments: assessments.map(\.day), linkedYears: linkedYears,
                                                        recognitionEvents: hasDerived ? derivedInputs?.eventDays ?? [] : [],
                                                        setStarts: set.effective.from)
                for day in days {
                    let latest = assessments.last { $0.day <= day }
                    let linkedValues = ownLinked[latest?.day.year ?? day.year] ?? [:]
                    let derived = hasDerived ? derivedInputs.map { DerivedValues.compute(set: set, on: day, inputs: $0) } ?? [:] : [:]
                    let input = AssessmentInput(typed: latest?.values ?? [:], linked: linkedValues, derived: derived,
                                                declarations: latest?.declarations ?? [:])
                    // An assessment is judged by the group the unit had on its day, as on the unit's page.
                    let scorecard = Evaluator.evaluate(set, input: input, region: unit.region ?? Region.general,
                                                       group: CommuneGroupQueries.group(in: ownGroups, on: latest?.day ?? day)?.groupCode,
                                                       year: latest?.day.year ?? day.year)
                    rows.append(Row(unitID: unitID, day: day, summary: ScoreSummary(scorecard, assessedOn: latest?.day)))
                }
            }
        }
        return rows
    }

    /// Rows of an assessment's child table (values, declarations) for the assessments of `units`.
    private static func entries(_ table: String, _ columns: [String], units: [UUID], sql: any SQLDatabase) async throws -> [any SQLRow] {
        var query = sql.select().column(SQLColumn("assessment_id", table: table))
        for column in columns { query = query.column(SQLColumn(column, table: table)) }
        return try await query.from(table)
            .join(Assessment.schema, on: SQLColumn("id", table: Assessment.schema), .equal, SQLColumn("assessment_id", table: table))
            .where(SQLColumn("unit_id", table: Assessment.schema), .in, SQLBind.group(units)).all()
    }

    private static func insert(_ rows: [Row], sql: any SQLDatabase) async throws {
        for chunk in rows.chunked(by: 300) {
            var insert = sql.insert(into: table)
                .columns("unit_id", "set_code", "valid_from", "assessed_on", "met", "total", "unmet", "not_assessed", "not_applicable", "level")
            for row in chunk {
                let s = row.summary
                insert = insert.values(SQLBind(row.unitID), SQLBind(s.setCode), SQLBind(row.day.iso), SQLBind(s.assessedOn?.iso),
                                       SQLBind(s.met), SQLBind(s.total), SQLBind(ScoreSummary.encode(s.unmet)),
                                       SQLBind(ScoreSummary.encode(s.notAssessed)), SQLBind(ScoreSummary.encode(s.notApplicable)),
                                       SQLBind(s.level.rawValue))
            }
            try await insert.run()
        }
    }

    // MARK: Reads

    /// Which stored rows to read: the units below an ancestor (down to `maxDepth`), or listed ones.
    enum Scope {
        case below(UUID, maxDepth: Int)
        case units([UUID])
    }

    /// The stored summary in force on `day` for each unit in scope and each of `setCodes`:
    /// unit → set code → summary. One statement whatever the number of units.
    static func latest(_ scope: Scope, setCodes: [String], on day: Day, db: any Database) async throws -> [UUID: [String: ScoreSummary]] {
        guard let sql = db as? any SQLDatabase, !setCodes.isEmpty else { return [:] }
        let select: SQLQueryString = """
            SELECT s.unit_id, s.set_code, s.assessed_on, s.met, s.total, s.unmet, s.not_assessed, s.not_applicable, s.level \
            FROM \(ident: table) s
            """
        let scopeClause: SQLQueryString
        switch scope {
        case .below(let ancestor, let maxDepth):
            guard maxDepth >= 1 else { return [:] }
            scopeClause = """
                 JOIN \(ident: UnitTree.closureTable) c ON c.descendant_id = s.unit_id \
                WHERE c.ancestor_id = \(bind: ancestor) AND c.depth BETWEEN 1 AND \(bind: maxDepth)
                """
        case .units(let ids):
            guard !ids.isEmpty else { return [:] }
            scopeClause = " WHERE s.unit_id IN (\(binds: ids))"
        }
        let latestClause: SQLQueryString = """
             AND s.set_code IN (\(binds: setCodes)) AND s.valid_from = (SELECT MAX(x.valid_from) FROM \(ident: table) x \
            WHERE x.unit_id = s.unit_id AND x.set_code = s.set_code AND x.valid_from <= \(bind: day.iso))
            """
        var result: [UUID: [String: ScoreSummary]] = [:]
        for row in try await sql.raw(select + scopeClause + latestClause).all() {
            let summary = try summary(of: row)
            result[try row.decode(column: "unit_id", as: UUID.self), default: [:]][summary.setCode] = summary
        }
        return result
    }

    /// Every stored row on or before `day` of `ancestor` and the units below it for the given sets,
    /// oldest first: how each unit's criteria changed over time (unit → set → rows). One statement.
    static func timelines(below ancestorID: UUID, setCodes: [String], upTo day: Day, db: any Database) async throws -> [UUID: [String: [Row]]] {
        guard let sql = db as? any SQLDatabase, !setCodes.isEmpty else { return [:] }
        let query: SQLQueryString = """
            SELECT s.unit_id, s.set_code, s.valid_from, s.assessed_on, s.met, s.total, s.unmet, s.not_assessed, s.not_applicable, s.level \
            FROM \(ident: table) s JOIN \(ident: UnitTree.closureTable) c ON c.descendant_id = s.unit_id \
            WHERE c.ancestor_id = \(bind: ancestorID) AND s.set_code IN (\(binds: setCodes)) AND s.valid_from <= \(bind: day.iso) \
            ORDER BY s.valid_from
            """
        var result: [UUID: [String: [Row]]] = [:]
        for row in try await sql.raw(query).all() {
            guard let validFrom = Day(try row.decode(column: "valid_from", as: String.self)) else { continue }
            let unitID = try row.decode(column: "unit_id", as: UUID.self)
            let summary = try summary(of: row)
            result[unitID, default: [:]][summary.setCode, default: []].append(Row(unitID: unitID, day: validFrom, summary: summary))
        }
        return result
    }

    private static func summary(of row: any SQLRow) throws -> ScoreSummary {
        ScoreSummary(
            setCode: try row.decode(column: "set_code", as: String.self), met: try row.decode(column: "met", as: Int.self),
            total: try row.decode(column: "total", as: Int.self),
            unmet: ScoreSummary.decode(try row.decode(column: "unmet", as: String.self)),
            notAssessed: ScoreSummary.decode(try row.decode(column: "not_assessed", as: String.self)),
            notApplicable: ScoreSummary.decode(try row.decode(column: "not_applicable", as: String.self)),
            level: ScorecardLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .notAssessed,
            assessedOn: try row.decode(column: "assessed_on", as: String?.self).flatMap(Day.init))
    }
}
