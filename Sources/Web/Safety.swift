import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The rules every request passes before a route sees it.
///
/// - Only requests whose Host is the server's own loopback address are answered: a page on
///   another site cannot reach the app through a DNS name that points at 127.0.0.1 (DNS
///   rebinding).
/// - A request that can change something (anything but GET and HEAD) carries the token the
///   pages were served with, in `X-Netprep-Token`; another site's form or script cannot know it.
/// - Every response forbids scripts, styles and frames from anywhere but the app itself
///   (Content-Security-Policy), and is never sniffed or framed.
final class Safety: RouterMiddleware, Sendable {
    typealias Context = BasicRequestContext

    static let tokenHeader = HTTPField.Name("X-Netprep-Token")!
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    let token: String
    private let hosts = Mutex<Set<String>>([])

    init(token: String) {
        self.token = token
    }

    /// Accepts `127.0.0.1:port` and `localhost:port` as Host from now on.
    func allow(port: Int) {
        hosts.withLock { $0.formUnion(["127.0.0.1:\(port)", "localhost:\(port)"]) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let host = request.head.authority?.lowercased() ?? ""
        guard hosts.withLock({ $0.contains(host) }) else {
            return Self.secured(
                .text("netprep serve answers only at its own address\n", type: "text/plain", status: .misdirectedRequest))
        }
        if request.method != .get && request.method != .head {
            guard let sent = request.headers[Self.tokenHeader], Self.same(sent, token) else {
                return Self.secured(
                    .text("missing or wrong X-Netprep-Token; reload the page\n", type: "text/plain", status: .forbidden))
            }
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = .text((error.body ?? "\(error.status.reasonPhrase)") + "\n", type: "text/plain", status: error.status)
        } catch {
            // A database that cannot be read (locked for too long, damaged): say so, in words.
            response = .text(
                "netprep could not answer this: \(error)\nnetprep doctor checks the database.\n", type: "text/plain",
                status: .internalServerError)
        }
        return Self.secured(response)
    }

    static func secured(_ response: Response) -> Response {
        var response = response
        response.headers[.contentSecurityPolicy] = policy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }

    /// Compares in time independent of where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
