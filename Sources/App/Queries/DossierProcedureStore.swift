import Fluent
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
        return DossierFacts(documents: Set(documents.map(\.kind)), closedSteps: Set(closings.map(\.step)),
                            villagesNotSurveyed: villages.filter { !surveyedIDs.contains($0.id ?? UUID()) }.map(\.name),
                            posting: posting, villages: surveyed, council: council,
                            appraisedOn: closedOn["appraisal"], decisionOn: decisionOn, criteriaWithoutEvidence: criteriaWithoutEvidence)
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
        return DossierFile(unit: unit, dossier: dossier, record: record, procedure: record.flatMap { r in procedures.first { $0.code == r.procedureCode } },
                           closings: closings, documents: documents, survey: survey, villages: villages,
                           criteriaWithoutEvidence: record == nil ? [] : try await criteriaWithoutEvidence(unit: unit, dossier: dossier, catalog: catalog, db: db))
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

    static func describe(_ problems: [DossierProblem]) -> AppError {
        AppError(problems: problems.map { InputProblem(field: "step", vi: $0.reason(.vi), en: $0.reason(.en)) })
    }
}
