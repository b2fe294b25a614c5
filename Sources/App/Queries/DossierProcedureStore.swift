import Fluent
import SQLKit
import NTMDomain
import Vapor

/// A dossier with everything its procedure holds, read in a fixed number of statements.
struct DossierFile {
    var unit: AdminUnit
    var dossier: Dossier
    var record: DossierProcedureRecord?
    var procedure: RecognitionProcedure?
    var closings: [DossierStepClosing]
    /// Every version of every document, newest first.
    var documents: [DossierDocument]
    var survey: [DossierSurveyVillage]
    /// The commune's villages on the day the dossier is read.
    var villages: [AdminUnit]
    var criteriaWithoutEvidence: [Int]
    /// Residents' comments on the posting, newest first.
    var comments: [ResidentReport] = []

    var closedOn: [String: Day] {
        Dictionary(closings.compactMap { c in Day(c.closedOn).map { (c.step, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The latest version of each kind.
    var latestDocuments: [String: DossierDocument] {
        var latest: [String: DossierDocument] = [:]
        for document in documents where latest[document.kind] == nil { latest[document.kind] = document }
        return latest
    }

    var council: DossierFacts.Council? {
        guard let record, let members = record.councilMembers, let votedOn = record.councilVotedOn.flatMap(Day.init) else { return nil }
        return .init(members: members, votesFor: record.councilFor ?? 0, against: record.councilAgainst ?? 0, abstain: record.councilAbstain ?? 0,
                     votedOn: votedOn)
    }

    var surveyed: [DossierFacts.VillageSurvey] {
        let names = Dictionary(villages.compactMap { v in v.id.map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
        return survey.map { row in
            let village = names[row.$village.id]
            return .init(code: village?.code ?? "?", name: village?.name ?? "?", households: row.households, asked: row.asked, satisfied: row.satisfied)
        }
    }

    /// The facts the checker reads; `decisionOn`: the decision day when the step being checked is the recognition.
    func facts(decisionOn: Day? = nil) -> DossierFacts {
        let surveyedIDs = Set(survey.map(\.$village.id))
        let posting: DossierFacts.Posting? = {
            guard let from = record?.postedFrom.flatMap(Day.init), let to = record?.postedTo.flatMap(Day.init) else { return nil }
            return .init(from: from, to: to)
        }()
        var facts = DossierFacts(documents: Set(documents.map(\.kind)), closedSteps: Set(closings.map(\.step)),
                            villagesNotSurveyed: villages.filter { !surveyedIDs.contains($0.id ?? UUID()) }.map(\.name),
                                 posting: posting, villages: surveyed, council: council,
                                 appraisedOn: closedOn["appraisal"], decisionOn: decisionOn, criteriaWithoutEvidence: criteriaWithoutEvidence)
        facts.openComments = comments.filter { !$0.status.isClosed }.count
        return facts
    }

    /// What stops `step` from closing on `day` (nothing when the dossier runs no procedure).
    func problems(closing step: String, on day: Day, decisionOn: Day? = nil) -> [DossierProblem] {
        guard let procedure else { return [] }
        return DossierChecker.problems(closing: step, on: day, facts: facts(decisionOn: decisionOn), procedure: procedure)
    }
}

enum DossierProcedureStore {
    /// Everything a dossier's procedure holds: 5 statements for the records, 1 for the villages,
    /// 3 for the evidence, whatever the number of documents or villages.
    static func load(_ dossier: Dossier, unit: AdminUnit, on day: Day, procedures: [RecognitionProcedure], catalog: CriteriaCatalog,
                     db: any Database) async throws -> DossierFile {
        let id = try dossier.requireID()
        let record = try await DossierProcedureRecord.query(on: db).filter(\.$dossier.$id == id).first()
        let closings = try await DossierStepClosing.query(on: db).filter(\.$dossier.$id == id).all()
        let documents = try await DossierDocument.query(on: db).filter(\.$dossier.$id == id).with(\.$file).sort(\.$createdAt, .descending).all()
        let survey = try await DossierSurveyVillage.query(on: db).filter(\.$dossier.$id == id).all()
        let villages = try await UnitQueries.children(of: unit, on: day, db: db).filter { $0.level == .village }
        let comments = try await ResidentReport.query(on: db).filter(\.$dossier.$id == id).sort(\.$createdAt, .descending).all()
        return DossierFile(unit: unit, dossier: dossier, record: record, procedure: record.flatMap { r in procedures.first { $0.code == r.procedureCode } },
                           closings: closings, documents: documents, survey: survey, villages: villages,
                           criteriaWithoutEvidence: record == nil ? [] : try await criteriaWithoutEvidence(unit: unit, dossier: dossier, catalog: catalog, db: db),
                           comments: comments)
    }

    /// Criteria of the dossier's assessment (applicable ones) with no evidence file for any of their
    /// indicators. A criterion with no indicators (declared met, like Hà Tĩnh's 20th) has nothing to
    /// attach a file to: the result report covers it.
    static func criteriaWithoutEvidence(unit: AdminUnit, dossier: Dossier, catalog: CriteriaCatalog, db: any Database) async throws -> [Int] {
        guard let assessment = try await Assessment.query(on: db).filter(\.$id == dossier.$assessment.id).with(\.$declarations).first(),
              let set = try? catalog.resolve(code: assessment.setCode) else { return [] }
        let proven = Set(try await EvidenceFile.query(on: db).filter(\.$unit.$id == unit.requireID()).all().compactMap(\.indicatorCode))
        let notApplicable = Set(assessment.declarations.filter { !$0.isApplicable }.map(\.criterionNumber))
        return set.criteria.filter { criterion in
            !notApplicable.contains(criterion.number) && !criterion.indicators.isEmpty && !criterion.indicators.contains { proven.contains($0.code) }
        }.map(\.number)
    }

    /// The dossier of `unit` whose report is posted for comments on `day` (opened, not yet submitted),
    /// with its latest result report: what the public page offers comments on.
    static func openPosting(of unit: AdminUnit, on day: Day, db: any Database) async throws -> (dossier: Dossier, record: DossierProcedureRecord, report: DossierDocument?)? {
        guard let dossier = try await DossierWriter.current(unit: unit, grade: .standard, db: db), dossier.state == .preparing,
              let record = try await DossierProcedureRecord.query(on: db).filter(\.$dossier.$id == dossier.requireID()).first(),
              let from = record.postedFrom.flatMap(Day.init), let to = record.postedTo.flatMap(Day.init), from <= day, day <= to else { return nil }
        let report = try await DossierDocument.query(on: db).filter(\.$dossier.$id == dossier.requireID()).filter(\.$kind == "result-report")
            .with(\.$file).sort(\.$createdAt, .descending).first()
        return (dossier, record, report)
    }

    static func describe(_ problems: [DossierProblem]) -> AppError {
        AppError(problems: problems.map { InputProblem(field: "step", vi: $0.reason(.vi), en: $0.reason(.en)) })
    }
}

/// Dossiers below a unit whose current procedure step is past its due day (issue 17, point 5):
/// three statements whatever the number of communes.
enum DossierDeadlines {
    struct Late: Content {
        var code: String
        var name: String
        var step: String
        var stepName: String
        var due: String
        var daysLate: Int
    }

    static func overdue(under root: AdminUnit, on day: Day, procedures: [RecognitionProcedure], language: Language, db: any Database) async throws -> [Late] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let open = [DossierState.preparing, .submitted, .appraised, .recognised, .revoking].map(\.rawValue)
        let rows = try await sql.select()
            .column(SQLColumn("id", table: "d")).column(SQLColumn("unit_id", table: "d"))
            .column(SQLColumn("procedure_code", table: "p")).column(SQLColumn("opened_on", table: "p"))
            .from(SQLAlias(SQLIdentifier(Dossier.schema), as: SQLIdentifier("d")))
            .join(SQLAlias(SQLIdentifier(DossierProcedureRecord.schema), as: SQLIdentifier("p")), method: SQLJoinMethod.inner,
                  on: SQLColumn("dossier_id", table: "p"), .equal, SQLColumn("id", table: "d"))
            .join(SQLAlias(SQLIdentifier(UnitTree.closureTable), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLColumn("descendant_id", table: "c"), .equal, SQLColumn("unit_id", table: "d"))
            .where(SQLColumn("ancestor_id", table: "c"), .equal, SQLBind(try root.requireID()))
            .where(SQLColumn("state", table: "d"), .in, SQLBind.group(open))
            .where(SQLColumn("opened_on", table: "p"), .lessThanOrEqual, SQLBind(day.iso))
            .all()
        struct Open { var dossier: UUID; var unit: UUID; var procedure: RecognitionProcedure; var opened: Day }
        let dossiers: [Open] = try rows.compactMap { row in
            let code = try row.decode(column: "procedure_code", as: String.self)
            guard let procedure = procedures.first(where: { $0.code == code }), let opened = Day(try row.decode(column: "opened_on", as: String.self)) else { return nil }
            return Open(dossier: try row.decode(column: "id", as: UUID.self), unit: try row.decode(column: "unit_id", as: UUID.self), procedure: procedure, opened: opened)
        }
        guard !dossiers.isEmpty else { return [] }
        let closings = try await DossierStepClosing.query(on: db).filter(\.$dossier.$id ~~ dossiers.map(\.dossier)).all()
        // Only what was closed by the day asked about counts.
        var closedOn: [UUID: [String: Day]] = [:]
        for closing in closings {
            guard let closed = Day(closing.closedOn), closed <= day else { continue }
            closedOn[closing.$dossier.id, default: [:]][closing.step] = closed
        }
        let units = Dictionary(try await AdminUnit.query(on: db).filter(\.$id ~~ dossiers.map(\.unit)).all().compactMap { u in u.id.map { ($0, u) } },
                               uniquingKeysWith: { a, _ in a })
        var late: [Late] = []
        for open in dossiers {
            let closed = closedOn[open.dossier] ?? [:]
            let due = open.procedure.dueDays(start: open.opened, closedOn: closed)
            for step in open.procedure.overdue(start: open.opened, closedOn: closed, today: day) {
                guard let unit = units[open.unit], let dueDay = due[step.code] else { continue }
                late.append(Late(code: unit.code, name: unit.name, step: step.code, stepName: step.name.text(language), due: dueDay.iso,
                                 daysLate: day.ordinal - dueDay.ordinal))
            }
        }
        return late.sorted { ($0.daysLate, $1.name) > ($1.daysLate, $0.name) }
    }
}
