/// Where should the money nobody has identified yet go? A commune counts only if every one of its
/// open criteria is paid for and expected in time; the question is which communes to complete.
///
/// Each commune is all or nothing (its open criteria's unidentified gaps, less what its sponsors
/// pledged and have not delivered yet), and every commune is worth one: to complete the most
/// communes, complete the cheapest. Exchange argument: any k communes that fit the budget cost at
/// least the k cheapest, so the k cheapest fit too, and they spend the least; among equally cheap
/// ones the tie goes to the commune with more open criteria ("most criteria met"). So the exact
/// answer of this grouped knapsack (groups = communes, take all of a group or none) is a sort,
/// O(n log n) — 3,321 communes in well under a millisecond — and a brute-force property test
/// checks it on small random instances.
public struct AllocationCandidate: Hashable, Sendable {
    public struct Gap: Hashable, Sendable {
        public var criterion: Int
        /// Unidentified money for the criterion (đồng, never negative).
        public var amount: Dong

        public init(criterion: Int, amount: Dong) {
            self.criterion = criterion
            self.amount = max(0, amount)
        }
    }

    public var code: String
    public var name: String
    public var met: Int
    /// One entry per open criterion (zero when its cost is covered or unknown).
    public var gaps: [Gap]
    /// Sponsors' pledged money not delivered yet, usable for this commune's gaps.
    public var pledged: Dong
    /// Every open criterion is forecast to be met by the target date once paid for.
    public var inTime: Bool

    public init(code: String, name: String = "", met: Int, gaps: [Gap], pledged: Dong = 0, inTime: Bool) {
        self.code = code
        self.name = name
        self.met = met
        self.gaps = gaps
        self.pledged = max(0, pledged)
        self.inTime = inTime
    }

    public var gapTotal: Dong { gaps.reduce(0) { $0 + $1.amount } }
    /// What completing the commune takes from the budget.
    public var cost: Dong { max(0, gapTotal - pledged) }

    /// The budget's share per criterion: pledges pay the first gaps (criterion order), the budget the rest.
    public var budgetShares: [Gap] {
        var pledge = pledged
        return gaps.sorted { $0.criterion < $1.criterion }.compactMap { gap in
            let fromPledge = min(pledge, gap.amount)
            pledge -= fromPledge
            return gap.amount - fromPledge > 0 ? Gap(criterion: gap.criterion, amount: gap.amount - fromPledge) : nil
        }
    }
}

public struct AllocationResult: Hashable, Sendable {
    public struct Funded: Hashable, Sendable {
        public var code: String
        public var criterion: Int
        public var amount: Dong
    }

    /// Communes completed, in the order chosen.
    public var communes: [String]
    public var spent: Dong
    /// Open criteria the chosen communes close.
    public var criteriaClosed: Int
    public var funded: [Funded]

    public var communesAtStandard: Int { communes.count }
}

public enum Allocation {
    /// The most communes to standard for `budget`, then the least money, then the most criteria.
    public static func optimal(_ candidates: [AllocationCandidate], budget: Dong) -> AllocationResult {
        take(byCost(candidates), budget: budget)
    }

    /// What an office does without the optimizer: the communes closest to standard first (most
    /// criteria met), each completed if the money left allows. Shown beside the optimum.
    public static func greedy(_ candidates: [AllocationCandidate], budget: Dong) -> AllocationResult {
        let ordered = candidates.filter(\.inTime).sorted { ($1.met, $0.code) < ($0.met, $1.code) }
        return take(ordered, budget: budget, skipUnaffordable: true)
    }

    /// The trade-off curve: the least money that completes k communes, for k = 0, 1, 2…
    public static func curve(_ candidates: [AllocationCandidate]) -> [Dong] {
        var money: Dong = 0
        return [0] + byCost(candidates).map { money += $0.cost; return money }
    }

    static func byCost(_ candidates: [AllocationCandidate]) -> [AllocationCandidate] {
        candidates.filter(\.inTime).sorted { ($0.cost, $1.gaps.count, $0.code) < ($1.cost, $0.gaps.count, $1.code) }
    }

    private static func take(_ ordered: [AllocationCandidate], budget: Dong, skipUnaffordable: Bool = false) -> AllocationResult {
        var result = AllocationResult(communes: [], spent: 0, criteriaClosed: 0, funded: [])
        for candidate in ordered {
            guard result.spent + candidate.cost <= budget else {
                if skipUnaffordable { continue } else { break }
            }
            result.communes.append(candidate.code)
            result.spent += candidate.cost
            result.criteriaClosed += candidate.gaps.count
            result.funded += candidate.budgetShares.map { .init(code: candidate.code, criterion: $0.criterion, amount: $0.amount) }
        }
        return result
    }
}
