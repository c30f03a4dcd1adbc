import Basics
import Foundation
import Testing

@testable import Demos
@testable import Models

private func labels(_ steps: [WebStep]) -> [String] {
    steps.map { "\($0.number). \($0.from)\($0.to.map { " -> " + $0 } ?? ""): \($0.label)" }
}

@Suite struct SessionDemoTests {
    @Test func loginRotatesTheIdAndLogoutDeletesTheCookie() throws {
        let trace = try SessionDemo.run(.init(), seed: 3)
        #expect(
            labels(trace.trace) == [
                "1. browser -> app: GET /login", "2. app -> browser: 200 OK",
                "3. browser -> app: POST /login", "4. app -> browser: 303 See Other",
                "5. browser -> app: GET /account", "6. app -> browser: 200 OK",
                "7. browser -> app: POST /logout", "8. app -> browser: 303 See Other",
                "9. browser -> app: GET /account", "10. app -> browser: 303 See Other",
            ])
        let first = try #require(trace.trace[1].http?.header("Set-Cookie"))
        let second = try #require(trace.trace[3].http?.header("Set-Cookie"))
        #expect(first != second)
        #expect(second.hasSuffix("; Path=/; Secure; HttpOnly; SameSite=Lax"))
        #expect(trace.trace[7].http?.header("Set-Cookie") == "SID=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax")
        #expect(trace.trace[8].http?.header("Cookie") == nil)
        #expect(trace.result.sessionsLeft.isEmpty)
    }

    @Test func bytesAreTheExactHTTPMessage() throws {
        let trace = try SessionDemo.run(.init(), seed: 3)
        let login = trace.trace[2]
        let text = String(decoding: Hex.bytes(login.bytes!)!, as: UTF8.self)
        let cookie = try #require(login.http?.header("Cookie"))
        #expect(
            text == "POST /login HTTP/1.1\r\nHost: app.example\r\nCookie: \(cookie)\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 35\r\n\r\n"
                + "user=alice&password=correct%20horse")
    }

    @Test(arguments: [(true, false), (false, true)])
    func sessionFixationWorksOnlyWithoutRotation(rotate: Bool, hijacked: Bool) throws {
        let trace = try SessionDemo.run(.init(attack: "fixation", rotate: rotate), seed: 11)
        #expect(trace.result.hijacked == hijacked)
        let attackerRead = try #require(trace.trace.last { $0.kind == .response && $0.to == "attacker" })
        #expect(attackerRead.http?.status == (hijacked ? 200 : 303))
    }

    @Test func serverRefusesAWrongPassword() {
        var server = SessionServer(rotateOnLogin: true, generator: SplitMix64(seed: 1))
        let response = server.handle(.request("POST", "/login", host: "app.example", body: "user=alice&password=nope"))
        #expect(response.status == 401)
        #expect(server.sessions.isEmpty)
    }
}

@Suite struct CSRFDemoTests {
    /// Which defence stops which variant: the table the model must reproduce.
    static let expectations: [(CSRFVariant, CSRFDefence, String?)] = [
        (.formPost, .none, nil), (.formPost, .token, "token"), (.formPost, .samesiteLax, "no cookie sent"),
        (.formPost, .samesiteStrict, "no cookie sent"), (.formPost, .origin, "origin"),
        (.imgGet, .none, nil), (.imgGet, .token, "token"), (.imgGet, .samesiteLax, "no cookie sent"),
        (.imgGet, .samesiteStrict, "no cookie sent"), (.imgGet, .origin, nil),
        (.linkGet, .none, nil), (.linkGet, .token, "token"), (.linkGet, .samesiteLax, nil),
        (.linkGet, .samesiteStrict, "no cookie sent"), (.linkGet, .origin, nil),
    ]

    @Test(arguments: expectations)
    func defenceStopsVariantAsBrowsersBehave(variant: CSRFVariant, defence: CSRFDefence, stoppedBy: String?) throws {
        let trace = try CSRFDemo.run(.init(variant: variant, defence: defence), seed: 4)
        #expect(trace.result.stoppedBy == stoppedBy)
        #expect(trace.result.forgedTransferDone == (stoppedBy == nil))
        #expect(trace.result.legitimateTransferDone)
        #expect(trace.result.balances["mallory"] == (stoppedBy == nil ? 500 : 0))
    }

    @Test func forgedPostCarriesTheForeignOriginAndTheCookie() throws {
        let trace = try CSRFDemo.run(.init(variant: .formPost, defence: .origin), seed: 4)
        let forged = try #require(trace.trace.last { $0.kind == .request })
        #expect(forged.http?.header("Origin") == "https://evil.example")
        #expect(forged.http?.header("Cookie")?.hasPrefix("SID=") == true)
        #expect(trace.trace.last?.http?.status == 403)
    }
}

@Suite struct JWTTests {
    let secret = Array("a secret of thirty-two bytes!!!!".utf8)

    @Test func signedTokenVerifiesUntilItExpires() throws {
        let claims = JWT.Claims(sub: "alice", role: "user", iat: 100, exp: 200)
        let token = JWT.sign(claims, secret: secret)
        #expect(token.hasPrefix("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."))
        #expect(try JWT.verify(token, secret: secret, now: 199).get() == claims)
        #expect(JWT.verify(token, secret: secret, now: 200) == .failure(.expired))
        #expect(JWT.verify(token, secret: Array("another key".utf8), now: 150) == .failure(.badSignature))
        #expect(JWT.verify("a.b", secret: secret, now: 150) == .failure(.malformed))
    }

    @Test(arguments: [
        (JWTTamper.none, nil), (.payload, JWT.Rejection.badSignature), (.signature, .badSignature),
        (.algNone, .algorithmNotAllowed),
    ])
    func tamperingIsCaught(tamper: JWTTamper, rejection: JWT.Rejection?) throws {
        let trace = try JWTDemo.run(.init(tamper: tamper), seed: 2)
        #expect(trace.result.rejection == rejection)
        #expect(trace.result.accepted == (rejection == nil))
        let call = try #require(trace.trace.last { $0.kind == .request })
        #expect(call.http?.header("Authorization") == "Bearer " + trace.result.presented)
        if rejection != nil {
            #expect(trace.trace.last?.http?.header("WWW-Authenticate")?.contains("invalid_token") == true)
        }
    }

    @Test func callAfterTheLifetimeIsRefusedAsExpired() throws {
        let trace = try JWTDemo.run(.init(ttl: 300, at: 300), seed: 2)
        #expect(trace.result.rejection == .expired)
    }
}

@Suite struct SSODemoTests {
    @Test func oneLoginServesBothApplicationsAndSingleLogoutEndsBoth() throws {
        let trace = try SSODemo.run(.init(), seed: 8)
        #expect(trace.result.passwordPrompts == 1)
        #expect(trace.result.sessionsLeft == ["app-a": 0, "app-b": 0])
        #expect(
            trace.result.phases == [
                "visit app a", "redirect to cas", "open cas login", "login form", "submit credentials",
                "redirect with ticket", "present ticket", "validate ticket", "validation success", "local session created",
                "visit app a", "page served",
                "visit app b", "redirect to cas", "open cas login", "redirect with ticket", "present ticket",
                "validate ticket", "validation success", "local session created", "visit app b", "page served",
                "logout at cas", "logout notice", "logout acknowledged", "logout notice", "logout acknowledged", "logged out",
                "visit app a", "redirect to cas", "open cas login", "login form",
            ])
        let secondLogin = try #require(trace.trace.first { $0.http?.header("Location")?.contains("ST-2-") == true })
        #expect(secondLogin.http?.header("Set-Cookie") == nil)
        let tgtCookie = try #require(trace.trace[5].http?.header("Set-Cookie"))
        #expect(tgtCookie.hasPrefix("CASTGC=TGT-1-"))
    }

    @Test func replayedServiceTicketIsRefused() throws {
        let trace = try SSODemo.run(.init(replay: true, logout: false), seed: 8)
        #expect(trace.result.replayRefused == true)
        #expect(trace.result.sessionsLeft == ["app-a": 1, "app-b": 1])
        #expect(trace.trace.contains { $0.http?.body.contains("INVALID_TICKET") == true })
    }

    @Test func renderingsFitEightyColumns() throws {
        let texts = [
            SSODemo.render(try SSODemo.run(.init(replay: true), seed: 1), style: .plain),
            CSRFDemo.render(try CSRFDemo.run(.init(), seed: 1), style: .plain),
            JWTDemo.render(try JWTDemo.run(.init(tamper: .algNone), seed: 1), style: .plain),
            SessionDemo.render(try SessionDemo.run(.init(attack: "fixation", rotate: false), seed: 1), style: .plain),
        ]
        for text in texts {
            #expect(!text.contains("\u{1B}"))
            for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        }
    }
}

@Suite struct WebQuestionTests {
    @Test func everyGeneratorIsRegisteredDeterministicAndAcceptsItsOwnAnswer() {
        let generators: [any QuestionGenerator.Type] = [
            TLSRoundTripsQuestion.self, CSRFDefenceQuestion.self, JWTVerifyQuestion.self, SSONextStepQuestion.self,
        ]
        for generator in generators {
            #expect(QuestionCatalog.generator(named: generator.name) != nil)
            for seed in UInt64(0)..<6 {
                let question = generator.generate(seed: seed)
                #expect(question == generator.generate(seed: seed))
                #expect(question.isCorrect(question.answer), "\(question.prompt)")
                #expect(!question.answer.isEmpty)
            }
        }
    }

    @Test func roundTripAnswersFollowTheProtocol() {
        var seen: [String: String] = [:]
        for seed in UInt64(0)..<40 {
            let question = TLSRoundTripsQuestion.generate(seed: seed)
            seen[question.prompt] = question.answer
        }
        let full12 = seen.first { $0.key.contains("TLS 1.2 and a full") && $0.key.contains("not counting") }
        #expect(full12?.value == "2")
        let zeroRTT = seen.first { $0.key.contains("0-RTT") && $0.key.contains("not counting") }
        #expect(zeroRTT?.value == "0")
    }

    @Test func webDemosAreInTheCatalog() throws {
        for name in ["tls.handshake", "web.session", "web.csrf", "web.jwt", "web.sso"] {
            #expect(try DemoCatalog.demo(named: name).name == name)
        }
    }
}
