import Basics

/// Round trips before the first application byte: TLS 1.2 vs 1.3, full vs resumed, 0-RTT.
/// The answer is read off a run of `tls.handshake`.
public enum TLSRoundTripsQuestion: QuestionGenerator {
    public static let name = "tls.handshake.rtt"
    public static let summary = "round trips before application data, TLS 1.2/1.3 full/resumed"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let cases: [(version: String, resume: Bool, early: Bool)] = [
            ("1.2", false, false), ("1.2", true, false), ("1.3", false, false), ("1.3", true, false), ("1.3", true, true),
        ]
        let pick = cases[Int(random.next() % UInt64(cases.count))]
        let withTCP = random.next() % 2 == 0
        let parameters = TLSHandshakeDemo.Parameters(version: pick.version, resume: pick.resume, earlyData: pick.early)
        let tls = (try? TLSHandshakeDemo.run(parameters, seed: seed).result.roundTripsBeforeApplicationData) ?? nil
        let answer = (tls ?? 0) + (withTCP ? 1 : 0)
        var kind = pick.resume ? "a resumed handshake" : "a full handshake"
        if pick.early { kind = "a resumed handshake with 0-RTT early data" }
        let prompt =
            "A client opens a new connection with TLS \(pick.version) and \(kind). How many round trips "
            + "pass before it can send its first byte of application data"
            + (withTCP ? ", counting TCP's own handshake?" : ", not counting TCP's handshake?")
        let words = ["zero", "one", "two", "three", "four"]
        var demo = "tls.handshake --version \(pick.version)"
        if pick.resume { demo += " --resume" }
        if pick.early { demo += " --early-data" }
        let explanation: String
        switch (pick.version, pick.resume, pick.early) {
        case ("1.2", false, _): explanation = "TLS 1.2 needs two flights from the client: hello, then key exchange + Finished."
        case ("1.2", true, _):
            explanation = "An abbreviated TLS 1.2 handshake skips certificate and key exchange: one round trip."
        case (_, _, true):
            explanation = "With a PSK and early_data the request rides with the ClientHello: zero round trips (but replayable)."
        default: explanation = "TLS 1.3 sends the key share in the ClientHello, so one round trip suffices."
        }
        return GeneratedQuestion(
            generator: name, prompt: prompt, answer: String(answer), accepted: [String(answer), words[answer]],
            explanation: explanation + (withTCP ? " TCP adds one round trip before that." : ""), demo: DemoCall(text: demo))
    }
}

/// Whether a given defence stops a given CSRF variant, read off a run of `web.csrf`.
public enum CSRFDefenceQuestion: QuestionGenerator {
    public static let name = "web.csrf.defence"
    public static let summary = "does this CSRF defence stop this attack?"

    static func describe(_ variant: CSRFVariant) -> String {
        switch variant {
        case .formPost: return "an auto-submitted cross-site POST form"
        case .imgGet: return "an <img> tag whose src is a GET transfer URL"
        case .linkGet: return "a link the victim clicks to a GET transfer URL"
        }
    }

    static func describe(_ defence: CSRFDefence) -> String {
        switch defence {
        case .none: return "no defence"
        case .token: return "a synchronizer CSRF token"
        case .samesiteLax: return "a SameSite=Lax session cookie"
        case .samesiteStrict: return "a SameSite=Strict session cookie"
        case .origin: return "an Origin header check (requests without Origin allowed)"
        }
    }

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let variant = CSRFVariant.allCases[Int(random.next() % 3)]
        let defences = CSRFDefence.allCases.filter { $0 != .none }
        let defence = defences[Int(random.next() % UInt64(defences.count))]
        let parameters = CSRFDemo.Parameters(variant: variant, defence: defence)
        let result = try? CSRFDemo.run(parameters, seed: seed).result
        let stopped = !(result?.forgedTransferDone ?? true)
        let reason: String
        switch result?.stoppedBy {
        case "no cookie sent": reason = "The browser does not attach the SameSite cookie to this cross-site request."
        case "token": reason = "The forged request cannot carry the secret token, so the bank refuses it."
        case "origin": reason = "The browser sends Origin: https://evil.example and the bank refuses it."
        default:
            switch defence {
            case .samesiteLax: reason = "Lax cookies still go with cross-site top-level GET navigations."
            case .origin: reason = "Browsers send no Origin on this GET, and the check lets it through."
            default: reason = "Nothing in the request tells the bank it was forged."
            }
        }
        return GeneratedQuestion(
            generator: name,
            prompt: "A bank is protected by \(describe(defence)). Does that stop a CSRF attack made with "
                + "\(describe(variant))? (yes/no)",
            answer: stopped ? "yes" : "no", accepted: stopped ? ["yes", "y", "stopped"] : ["no", "n"],
            explanation: reason, demo: "web.csrf --variant \(variant.rawValue) --defence \(defence.rawValue)")
    }
}

/// Whether an API accepts a JWT after a given change, read off a run of `web.jwt`.
public enum JWTVerifyQuestion: QuestionGenerator {
    public static let name = "web.jwt.verify"
    public static let summary = "does a tampered or old HS256 JWT verify?"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let tamper = JWTTamper.allCases[Int(random.next() % UInt64(JWTTamper.allCases.count))]
        let ttl = [300, 900, 3600][Int(random.next() % 3)]
        let at = [60, 600, 1800, 7200][Int(random.next() % 4)]
        let parameters = JWTDemo.Parameters(tamper: tamper, ttl: ttl, at: at)
        let result = try? JWTDemo.run(parameters, seed: seed).result
        let accepted = result?.accepted ?? false
        let change: String
        switch tamper {
        case .none: change = "unchanged"
        case .payload: change = "with its payload edited to role admin (signature kept)"
        case .signature: change = "with one bit of its signature flipped"
        case .algNone: change = "rewritten with alg none, role admin and no signature"
        }
        var explanation = "The API checks the algorithm, then the HMAC over header.payload, then exp."
        if let rejection = result?.rejection { explanation += " Here: \(rejection.rawValue)." }
        return GeneratedQuestion(
            generator: name,
            prompt: "An API issues an HS256 JWT valid for \(ttl) s. The client presents it \(at) s later, \(change). "
                + "Does the API accept it? (yes/no)",
            answer: accepted ? "yes" : "no", accepted: accepted ? ["yes", "y"] : ["no", "n"],
            explanation: explanation, demo: "web.jwt --tamper \(tamper.rawValue) --ttl \(ttl) --at \(at)")
    }
}

/// What comes next in a CAS single sign-on, read off a run of `web.sso`.
public enum SSONextStepQuestion: QuestionGenerator {
    public static let name = "web.sso.next"
    public static let summary = "CAS SSO: which step comes next?"

    /// Other words accepted for each phase.
    static let synonyms: [String: [String]] = [
        "redirect to cas": ["redirect to the cas login", "redirect to login", "302 to cas"],
        "redirect with ticket": ["redirect back with a service ticket", "redirect with service ticket", "issue service ticket"],
        "validate ticket": ["serviceValidate", "validate the ticket", "back channel validation"],
        "validation success": ["cas returns the user", "authenticationSuccess"],
        "local session created": ["create local session", "set session cookie", "local session"],
        "login form": ["show login form", "login page"],
        "logout notice": ["logout request", "back channel logout"],
    ]

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let phases = (try? SSODemo.run(SSODemo.Parameters(), seed: seed).result.phases) ?? []
        // Ask only where the next step is a protocol move, not a page view.
        let candidates = phases.indices.dropLast().filter { index in
            synonyms[phases[index + 1]] != nil
        }
        let index = candidates.isEmpty ? 0 : candidates[Int(random.next() % UInt64(candidates.count))]
        let history = phases[max(0, index - 3)...index].joined(separator: " -> ")
        let next = phases.indices.contains(index + 1) ? phases[index + 1] : ""
        return GeneratedQuestion(
            generator: name,
            prompt: "In a CAS single sign-on with apps A and B, the last steps were: \(history). What happens next?",
            answer: next, accepted: [next] + (synonyms[next] ?? []),
            explanation: "Full sequence: " + phases.joined(separator: ", ") + ".",
            demo: "web.sso")
    }
}
