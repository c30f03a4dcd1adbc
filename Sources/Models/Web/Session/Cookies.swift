import Foundation

/// A cookie as a server sets it (RFC 6265 §4.1; SameSite from RFC 6265bis §4.1.2.7).
struct SetCookie: Equatable, Sendable {
    enum SameSite: String, Sendable {
        case strict = "Strict", lax = "Lax", none = "None"
    }
    var name: String
    var value: String
    var path = "/"
    var httpOnly = true
    var secure = true
    var sameSite: SameSite? = .lax
    /// 0 deletes the cookie (RFC 6265 §5.2.2).
    var maxAge: Int?

    /// The header value: `SID=...; Path=/; Secure; HttpOnly; SameSite=Lax`.
    var headerValue: String {
        var parts = ["\(name)=\(value)", "Path=\(path)"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        if let sameSite { parts.append("SameSite=\(sameSite.rawValue)") }
        return parts.joined(separator: "; ")
    }

    static func deletion(_ name: String) -> SetCookie {
        SetCookie(name: name, value: "", maxAge: 0)
    }

    /// Parses a `Set-Cookie` value; nil if it has no name=value pair.
    init?(header: String) {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return nil }
        name = String(first[..<equals])
        value = String(first[first.index(after: equals)...])
        httpOnly = false
        secure = false
        sameSite = nil
        for attribute in parts.dropFirst() {
            let pieces = attribute.split(separator: "=", maxSplits: 1).map(String.init)
            switch pieces[0].lowercased() {
            case "path": path = pieces.count > 1 ? pieces[1] : "/"
            case "httponly": httpOnly = true
            case "secure": secure = true
            case "samesite": sameSite = pieces.count > 1 ? SameSite(rawValue: pieces[1].capitalized) : nil
            case "max-age": maxAge = pieces.count > 1 ? Int(pieces[1]) : nil
            default: break
            }
        }
    }

    init(
        name: String, value: String, path: String = "/", httpOnly: Bool = true, secure: Bool = true,
        sameSite: SameSite? = .lax, maxAge: Int? = nil
    ) {
        self.name = name
        self.value = value
        self.path = path
        self.httpOnly = httpOnly
        self.secure = secure
        self.sameSite = sameSite
        self.maxAge = maxAge
    }
}

/// What kind of request a browser is making, which decides whether SameSite cookies go along
/// (RFC 6265bis §5.2 and §5.8.3).
enum RequestContext: Sendable {
    /// The user is on the site itself.
    case sameSite
    /// Another site caused a top-level navigation (link, form submission).
    case crossSiteNavigation
    /// Another site embedded a resource (img, script, fetch).
    case crossSiteSubresource
}

/// A browser's cookies for the sites it talks to.
struct CookieJar: Sendable {
    /// Cookies by host, then by name.
    private(set) var cookies: [String: [String: SetCookie]] = [:]

    /// Stores or deletes according to a `Set-Cookie` from `host` (RFC 6265 §5.3).
    mutating func receive(_ response: WebMessage, from host: String) {
        for header in response.headers where header.name.lowercased() == "set-cookie" {
            guard let cookie = SetCookie(header: header.value) else { continue }
            if cookie.maxAge.map({ $0 <= 0 }) ?? false {
                cookies[host]?[cookie.name] = nil
            } else {
                cookies[host, default: [:]][cookie.name] = cookie
            }
        }
    }

    /// Plants a cookie as an attacker would (a sibling subdomain, a script, a URL-borne id).
    mutating func plant(_ cookie: SetCookie, for host: String) {
        cookies[host, default: [:]][cookie.name] = cookie
    }

    /// The `Cookie` header value for a request to `host` in a given context and method:
    /// Strict cookies only same-site, Lax also on cross-site top-level GET navigations, None
    /// (or no attribute, for this model) always.
    func header(for host: String, method: String, context: RequestContext) -> String? {
        let sent = (cookies[host] ?? [:]).values.filter { cookie in
            switch (cookie.sameSite ?? .none, context) {
            case (_, .sameSite): return true
            case (.none, _): return true
            case (.lax, .crossSiteNavigation): return method == "GET" || method == "HEAD"
            default: return false
            }
        }
        guard !sent.isEmpty else { return nil }
        return sent.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    func value(_ name: String, for host: String) -> String? {
        cookies[host]?[name]?.value
    }
}

/// Reads one cookie from a request's `Cookie` header (RFC 6265 §4.2).
func cookieValue(_ name: String, in request: WebMessage) -> String? {
    guard let header = request.header("Cookie") else { return nil }
    for pair in header.split(separator: ";") {
        let trimmed = pair.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(name + "=") { return String(trimmed.dropFirst(name.count + 1)) }
    }
    return nil
}

/// Decodes `a=1&b=2` (a form body or a query string).
func formFields(_ text: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in text.split(separator: "&") {
        let pieces = pair.split(separator: "=", maxSplits: 1).map(String.init)
        fields[pieces[0]] = pieces.count > 1 ? (pieces[1].removingPercentEncoding ?? pieces[1]) : ""
    }
    return fields
}
