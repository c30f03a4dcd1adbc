import Basics
import Export
import Foundation
import Hummingbird
import Quiz
import Scheduler
import Store

/// The quiz sessions the browser has open, by id. A session holds only its queue: every
/// answer is in the database before its request returns, as in the terminal.
actor QuizSessions {
    private var sessions: [String: QuizSession] = [:]
    private var order: [String] = []

    func open(_ session: QuizSession) -> String {
        let id = WebApp.newToken().prefix(16).description
        sessions[id] = session
        order.append(id)
        // An abandoned tab keeps nothing worth more than memory: the oldest go first.
        while order.count > 32 { sessions[order.removeFirst()] = nil }
        return id
    }

    func with<T: Sendable>(_ id: String, _ body: (inout QuizSession) throws -> T) throws -> T {
        guard var session = sessions[id] else { throw HTTPError(.notFound, message: "this quiz has ended; reload the page") }
        defer { sessions[id] = session }
        return try body(&session)
    }
}

/// What the page's script shows of the current card.
struct WebCard: Encodable, Sendable {
    struct Progress: Encodable, Sendable {
        var position: Int, total: Int, due: Int, new: Int, learning: Int
    }

    var id: String
    var kind: String
    var topic: String
    var path: [String]
    var prompt: String
    var answer: String
    /// A generated question takes a typed answer.
    var typed: Bool
    /// What Again, Hard, Good and Easy would put the card off by.
    var intervals: [String]
    /// The demo's page, and its output alone (what `d` shows under the card).
    var demo: String?
    var demoRun: String?
    var progress: Progress
}

struct QuizState: Encodable, Sendable {
    var session: String
    var card: WebCard?
    var answered: Int
    var canUndo: Bool
    /// For a typed answer: whether it was right, and the answer.
    var graded: Graded?

    struct Graded: Encodable, Sendable {
        var correct: Bool
        var answer: String
    }
}

extension WebApp {
    func addQuiz(to router: Router<BasicRequestContext>) {
        router.get("quiz") { request, _ in self.quizPage(request) }
        router.post("api/quiz") { request, _ in try await self.startQuiz(request) }
        router.post("api/quiz/:session/answer") { request, context in
            try await self.answer(context.parameters.require("session"), request: request)
        }
        router.post("api/quiz/:session/undo") { _, context in
            let id = try context.parameters.require("session")
            return try await self.quizState(id) { session in
                guard try session.undo(at: Date()) != nil else { return nil }
                return nil
            }
        }
        router.post("api/quiz/:session/skip") { _, context in
            try await self.quizState(context.parameters.require("session")) { session in
                session.skip()
                return nil
            }
        }
    }

    func quizPage(_ request: Request) -> Response {
        let zh = language(of: request) == .zh
        let parameters = request.uri.queryParameters
        let keys =
            zh
            ? "<kbd>空格</kbd> 显示答案 · <kbd>1</kbd>–<kbd>4</kbd> 忘记/困难/良好/简单 · <kbd>u</kbd> 撤销 · <kbd>s</kbd> 跳过 · <kbd>d</kbd> 运行演示"
            : "<kbd>Space</kbd> show the answer · <kbd>1</kbd>–<kbd>4</kbd> Again, Hard, Good, Easy · <kbd>u</kbd> undo · <kbd>s</kbd> skip · <kbd>d</kbd> run the demo"
        let body = """
            <div id="quiz" data-limit="\(HTML.escape(parameters["limit"].map(String.init) ?? ""))" data-topic="\(HTML.escape(parameters["topic"].map(String.init) ?? ""))" data-lang="\(language(of: request).rawValue)">
            <p id="progress" class="muted"></p>
            <article id="card" class="card" hidden>
            <p id="path" class="crumbs"></p>
            <div id="prompt"></div>
            <form id="typed" hidden><input id="typed-answer" autocomplete="off" placeholder="\(zh ? "输入答案，回车" : "Type the answer, then Enter")"></form>
            <div id="verdict" hidden></div>
            <div id="answer" hidden></div>
            <p id="demo" hidden></p>
            <div id="demo-output" class="demo-output" hidden></div>
            <div id="ratings" hidden>
            <button data-rating="1">1 \(zh ? "忘记" : "Again") <small></small></button>
            <button data-rating="2">2 \(zh ? "困难" : "Hard") <small></small></button>
            <button data-rating="3">3 \(zh ? "良好" : "Good") <small></small></button>
            <button data-rating="4">4 \(zh ? "简单" : "Easy") <small></small></button>
            </div>
            </article>
            <p id="done" hidden>\(zh ? "今天的卡片都完成了。" : "Nothing left for now.") <a href="/">\(zh ? "回到今天" : "Back to today")</a></p>
            <p id="message" class="notice" hidden></p>
            <p class="keys">\(keys)</p>
            </div>
            """
        return .html(layout(zh ? "测验" : "Quiz", .quiz, request).page(body))
    }

    struct StartRequest: Decodable {
        var limit: Int?
        var topic: String?
        var lang: Language?
    }

    struct AnswerRequest: Decodable {
        var rating: Int?
        var typed: String?
    }

    func startQuiz(_ request: Request) async throws -> Response {
        let start = try await decode(StartRequest.self, request)
        if let limit = start.limit, limit < 1 { throw HTTPError(.badRequest, message: "limit must be at least 1") }
        let topic = start.topic.flatMap { $0.isEmpty ? nil : $0 }
        let store = ReviewStore(database)
        let options = QuizOptions(
            scope: topic.map(TopicScope.init), newPerDay: settings.newPerDay, limit: start.limit,
            language: start.lang ?? settings.language)
        let now = Date()
        var session = try QuizSession(
            store: store, scheduler: settings.scheduler, options: options, at: now, seed: UInt64(now.milliseconds))
        let card = try session.next(at: now)
        let intervals = try session.intervals(at: now)
        let id = await quizzes.open(session)
        return try .json(
            QuizState(
                session: id, card: card.map { webCard($0, session: session, intervals: intervals) }, answered: 0, canUndo: false))
    }

    func answer(_ id: String, request: Request) async throws -> Response {
        let answer = try await decode(AnswerRequest.self, request)
        return try await quizState(id) { session in
            if session.current == nil, try session.next(at: Date()) == nil {
                throw HTTPError(.conflict, message: "no card to answer")
            }
            if let typed = answer.typed {
                let rating = session.grade(typed)
                let item = session.current!
                try session.answer(rating, at: Date())
                let shown =
                    item.question.map { $0.answer + ($0.explanation.isEmpty ? "" : "\n\n" + $0.explanation) } ?? item.card.answer
                return QuizState.Graded(correct: rating == .good, answer: MarkdownHTML.render(shown))
            }
            guard let value = answer.rating, let rating = Rating(rawValue: value) else {
                throw HTTPError(.badRequest, message: "rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)")
            }
            try session.answer(rating, at: Date())
            return nil
        }
    }

    /// Runs `body` on the session, then answers with the card that comes next.
    func quizState(_ id: String, _ body: @escaping @Sendable (inout QuizSession) throws -> QuizState.Graded?) async throws
        -> Response
    {
        let state = try await quizzes.with(id) { session -> QuizState in
            let graded = try body(&session)
            let now = Date()
            let card = try session.next(at: now)
            let intervals = try session.intervals(at: now)
            return QuizState(
                session: id, card: card.map { webCard($0, session: session, intervals: intervals) }, answered: session.answered,
                canUndo: session.canUndo, graded: graded)
        }
        return try .json(state)
    }

    func webCard(_ item: QuizItem, session: QuizSession, intervals: [Rating: TimeInterval]) -> WebCard {
        let card = item.card
        let prompt = item.question?.prompt ?? (card.kind == .cloze ? TerminalMarkdown.hidingClozes(card.prompt) : card.prompt)
        let progress = session.progress
        let demo = item.question?.demo ?? card.demo
        return WebCard(
            id: card.id, kind: card.kind.rawValue, topic: card.topic, path: card.topicPath, prompt: MarkdownHTML.render(prompt),
            answer: MarkdownHTML.render(item.question?.answer ?? card.answer), typed: item.question != nil,
            intervals: [Rating.again, .hard, .good, .easy].map { formatInterval(intervals[$0] ?? 0) },
            demo: demo.map(Self.demoURL), demoRun: demo.map(Self.demoRunURL),
            progress: .init(
                position: progress.position, total: progress.total, due: progress.due, new: progress.new,
                learning: progress.learning))
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let data = Data(buffer.readableBytesView)
        do {
            return try JSONDecoder().decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch {
            throw HTTPError(.badRequest, message: "the request's JSON could not be read")
        }
    }
}
