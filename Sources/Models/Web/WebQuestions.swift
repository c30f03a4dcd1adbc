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
        var kindZh = pick.resume ? "会话恢复握手" : "完整握手"
        if pick.early { kindZh = "带 0-RTT 早期数据的会话恢复握手" }
        let counting = withTCP ? ", counting TCP's own handshake?" : ", not counting TCP's handshake?"
        let countingZh = withTCP ? "（算上 TCP 自身的握手）？" : "（不算 TCP 的握手）？"
        let prompt: String = language.pick(
            en: "A client opens a new connection with TLS \(pick.version) and \(kind). How many round trips "
                + "pass before it can send its first byte of application data\(counting)",
            zh: "客户端新建一条连接，使用 TLS \(pick.version)，进行\(kindZh)。"
                + "在它能发送第一个字节的应用数据之前，要经过多少个往返\(countingZh)")
        let words = ["zero", "one", "two", "three", "four"]
        let wordsZh = ["零", "一", "二", "三", "四"]
        var demo = "tls.handshake --version \(pick.version)"
        if pick.resume { demo += " --resume" }
        if pick.early { demo += " --early-data" }
        let explanation: String
        switch (pick.version, pick.resume, pick.early) {
        case ("1.2", false, _):
            explanation = language.pick(
                en: "TLS 1.2 needs two flights from the client: hello, then key exchange + Finished.",
                zh: "TLS 1.2 需要客户端发出两轮消息：先是 ClientHello，再是密钥交换 + Finished。")
        case ("1.2", true, _):
            explanation = language.pick(
                en: "An abbreviated TLS 1.2 handshake skips certificate and key exchange: one round trip.",
                zh: "简化的 TLS 1.2 握手省去了证书和密钥交换：一个往返。")
        case (_, _, true):
            explanation = language.pick(
                en: "With a PSK and early_data the request rides with the ClientHello: "
                    + "zero round trips (but replayable).",
                zh: "有了 PSK 和 early_data，请求随 ClientHello 一起发出：零个往返（但可能被重放）。")
        default:
            explanation = language.pick(
                en: "TLS 1.3 sends the key share in the ClientHello, so one round trip suffices.",
                zh: "TLS 1.3 在 ClientHello 中就带上了密钥共享（key share），所以一个往返就够了。")
        }
        let tcp = language.pick(en: " TCP adds one round trip before that.", zh: "在此之前，TCP 握手还要一个往返。")
        return GeneratedQuestion(
            generator: name, prompt: prompt, answer: String(answer),
            accepted: [String(answer), words[answer], wordsZh[answer]] + (answer == 2 ? ["两"] : []),
            explanation: explanation + (withTCP ? tcp : ""), demo: DemoCall(text: demo))
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

    static func describe(_ variant: CSRFVariant, in language: Language) -> String {
        guard language == .zh else { return describe(variant) }
        switch variant {
        case .formPost: return "一个自动提交的跨站 POST 表单"
        case .imgGet: return "一个 src 指向 GET 转账 URL 的 <img> 标签"
        case .linkGet: return "一个诱导受害者点击、指向 GET 转账 URL 的链接"
        }
    }

    static func describe(_ defence: CSRFDefence, in language: Language) -> String {
        guard language == .zh else { return describe(defence) }
        switch defence {
        case .none: return "不设防护"
        case .token: return "同步器令牌（synchronizer token）式的 CSRF 令牌"
        case .samesiteLax: return "SameSite=Lax 的会话 Cookie"
        case .samesiteStrict: return "SameSite=Strict 的会话 Cookie"
        case .origin: return "校验 Origin 首部（不带 Origin 的请求放行）"
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
        case "no cookie sent":
            reason = language.pick(
                en: "The browser does not attach the SameSite cookie to this cross-site request.",
                zh: "浏览器不会在这个跨站请求上附带 SameSite Cookie。")
        case "token":
            reason = language.pick(
                en: "The forged request cannot carry the secret token, so the bank refuses it.",
                zh: "伪造的请求带不上秘密令牌，所以银行拒绝了它。")
        case "origin":
            reason = language.pick(
                en: "The browser sends Origin: https://evil.example and the bank refuses it.",
                zh: "浏览器发送了 Origin: https://evil.example，银行据此拒绝了它。")
        default:
            switch defence {
            case .samesiteLax:
                reason = language.pick(
                    en: "Lax cookies still go with cross-site top-level GET navigations.",
                    zh: "跨站的顶层 GET 导航仍会带上 Lax Cookie。")
            case .origin:
                reason = language.pick(
                    en: "Browsers send no Origin on this GET, and the check lets it through.",
                    zh: "浏览器在这个 GET 请求上不发送 Origin，校验便放行了它。")
            default:
                reason = language.pick(
                    en: "Nothing in the request tells the bank it was forged.",
                    zh: "请求中没有任何信息能让银行看出它是伪造的。")
            }
        }
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "A bank is protected by \(describe(defence)). Does that stop a CSRF attack made with "
                    + "\(describe(variant))? (yes/no)",
                zh: "某银行网站的防护措施是：\(describe(defence, in: language))。攻击者用"
                    + "\(describe(variant, in: language))发起 CSRF 攻击，这项防护能挡住吗？（是/否）"),
            answer: stopped ? language.pick(en: "yes", zh: "是") : language.pick(en: "no", zh: "否"),
            accepted: stopped
                ? ["yes", "y", "stopped", "是", "能", "挡住", "能挡住"] : ["no", "n", "否", "不能", "挡不住", "不能挡住"],
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
        let changeZh: String
        switch tamper {
        case .none: changeZh = "未作改动"
        case .payload: changeZh = "载荷被改成 role admin（签名保持不变）"
        case .signature: changeZh = "签名中有一个比特被翻转"
        case .algNone: changeZh = "被改写为 alg none、role admin 且不带签名"
        }
        var explanation = language.pick(
            en: "The API checks the algorithm, then the HMAC over header.payload, then exp.",
            zh: "API 先检查算法，再校验 header.payload 上的 HMAC，最后检查 exp。")
        if let rejection = result?.rejection {
            let rejectionZh: String
            switch rejection {
            case .malformed: rejectionZh = "格式错误（malformed）"
            case .algorithmNotAllowed: rejectionZh = "算法不被允许（algorithm not allowed）"
            case .badSignature: rejectionZh = "签名不匹配（signature mismatch）"
            case .expired: rejectionZh = "令牌已过期（expired）"
            }
            explanation += language.pick(en: " Here: \(rejection.rawValue).", zh: "本例中：\(rejectionZh)。")
        }
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "An API issues an HS256 JWT valid for \(ttl) s. The client presents it \(at) s later, \(change). "
                    + "Does the API accept it? (yes/no)",
                zh: "某 API 签发了一个有效期为 \(ttl) 秒的 HS256 JWT。客户端在 \(at) 秒后出示它，令牌\(changeZh)。"
                    + "API 会接受它吗？（是/否）"),
            answer: accepted ? language.pick(en: "yes", zh: "是") : language.pick(en: "no", zh: "否"),
            accepted: accepted ? ["yes", "y", "是", "接受", "会"] : ["no", "n", "否", "不接受", "拒绝", "不会"],
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

    /// Each phase in Chinese, as the question shows it.
    static let phasesZh: [String: String] = [
        "visit app a": "访问应用 A", "visit app b": "访问应用 B", "open cas login": "打开 CAS 登录页",
        "submit credentials": "提交用户名和密码", "present ticket": "携带票据访问应用", "replay ticket": "重放票据",
        "logout at cas": "在 CAS 注销", "logout notice": "注销通知", "logout acknowledged": "确认注销",
        "validate ticket": "校验票据", "validation success": "校验成功", "validation failure": "校验失败",
        "redirect to cas": "重定向到 CAS", "redirect with ticket": "携带票据重定向回应用",
        "local session created": "创建本地会话", "login form": "显示登录表单", "logged out": "已注销",
        "page served": "返回页面", "refused": "拒绝访问",
    ]

    /// Other Chinese words accepted for each phase, beside its name in `phasesZh`; each is also
    /// accepted typed without spaces.
    static let synonymsZh: [String: [String]] = [
        "redirect to cas": ["重定向到 CAS 登录页", "跳转到 CAS", "302 到 CAS"],
        "redirect with ticket": ["带票据重定向", "签发服务票据", "签发 ST", "重定向回应用"],
        "validate ticket": ["验证票据", "后端校验票据", "后台校验票据", "校验 ST"],
        "validation success": ["验证成功", "CAS 返回用户", "CAS 返回用户信息"],
        "local session created": ["建立本地会话", "设置会话 Cookie", "本地会话"],
        "login form": ["登录表单", "登录页", "登录页面"],
        "logout notice": ["单点注销通知", "后端注销", "后台注销"],
    ]

    static func chinese(_ phase: String) -> String {
        phasesZh[phase] ?? phase
    }

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let phases = (try? SSODemo.run(SSODemo.Parameters(), seed: seed).result.phases) ?? []
        // Ask only where the next step is a protocol move, not a page view.
        let candidates = phases.indices.dropLast().filter { index in
            synonyms[phases[index + 1]] != nil
        }
        let index = candidates.isEmpty ? 0 : candidates[Int(random.next() % UInt64(candidates.count))]
        let history = phases[max(0, index - 3)...index].joined(separator: " -> ")
        let historyZh = phases[max(0, index - 3)...index].map(chinese).joined(separator: " → ")
        let next = phases.indices.contains(index + 1) ? phases[index + 1] : ""
        let nextZh = chinese(next)
        let formsZh = [nextZh] + (synonymsZh[next] ?? [])
        let spacelessZh = formsZh.map { form in String(form.filter { $0 != " " }) }
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "In a CAS single sign-on with apps A and B, the last steps were: \(history). What happens next?",
                zh: "在应用 A、B 与 CAS 组成的单点登录中，最近几步依次是：\(historyZh)。下一步是什么？"),
            answer: language.pick(en: next, zh: nextZh),
            accepted: [next] + (synonyms[next] ?? []) + formsZh + spacelessZh,
            explanation: language.pick(
                en: "Full sequence: " + phases.joined(separator: ", ") + ".",
                zh: "完整流程：\(phases.map(chinese).joined(separator: "，"))。"),
            demo: "web.sso")
    }
}
