import Metrics
import Prometheus
import SQLKit
import Vapor

/// Metrics in Prometheus text at `GET /metrics`. Vapor reports every request through swift-metrics
/// (`http_requests_total` and `http_request_duration_seconds` by method, route pattern and status);
/// NTM adds what an operator of this system watches.
enum Observability {
    static let registry = PrometheusCollectorRegistry()

    /// The metrics system takes one backend per process, for its whole life: bootstrapped once,
    /// however many applications a process (the test suite) starts.
    static let bootstrapped: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()

    @Sendable static func metrics(req: Request) async throws -> Response {
        // Sampled on each scrape: how long the database takes to answer (−1 when it does not).
        let started = DispatchTime.now().uptimeNanoseconds
        let answered = (try? await (req.db as? any SQLDatabase)?.raw("SELECT 1").run()) != nil
        Gauge(label: "ntm_database_ping_seconds")
            .record(answered ? Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 : -1)
        let response = Response(status: .ok, body: .init(string: registry.emitToString()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
}
