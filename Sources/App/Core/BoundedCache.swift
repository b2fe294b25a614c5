import NIOConcurrencyHelpers

/// A small thread-safe cache holding at most `capacity` values; the least recently used goes
/// first. Keys carry whatever makes a value stale (a revision, a read-model version), so an
/// entry is never invalidated, only outgrown.
final class BoundedCache<Value: Sendable>: Sendable {
    private let capacity: Int
    private let state = NIOLockedValueBox<(order: [String], values: [String: Value])>(([], [:]))

    init(capacity: Int) { self.capacity = capacity }

    subscript(key: String) -> Value? {
        state.withLockedValue { state in
            guard let value = state.values[key] else { return nil }
            state.order.removeAll { $0 == key }
            state.order.append(key)
            return value
        }
    }

    func store(_ value: Value, for key: String) {
        state.withLockedValue { state in
            if state.values.updateValue(value, forKey: key) != nil { state.order.removeAll { $0 == key } }
            state.order.append(key)
            while state.order.count > capacity { state.values.removeValue(forKey: state.order.removeFirst()) }
        }
    }
}
