import ArgumentParser
import Basics
import Foundation
import Models

extension HTTPMessageDemo: Demo {
    public static let summary = "HTTP/1.1 messages on the wire: framing, chunked coding, pipelining, parse errors"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Pipelined requests, 1-6.", valueName: "n"))
        var requests = 3
        @Flag(help: "Send bodies with Transfer-Encoding: chunked.")
        var chunked = false
        @Option(name: .customLong("max-read"), help: ArgumentHelp("Largest read the parsers get, 1-512 octets.", valueName: "n"))
        var maxRead = 24
        @Option(
            help: ArgumentHelp(
                "Break the last request: " + Malformation.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                valueName: "kind"))
        var malformed: String?

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let malformed = options.malformed ?? ""
        guard malformed.isEmpty || Malformation(rawValue: malformed) != nil else {
            throw DemoError.badOption(
                "--malformed takes " + Malformation.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return Parameters(
            requests: try OptionCheck.within(options.requests, 1...6, "requests"), chunked: options.chunked,
            maxRead: try OptionCheck.within(options.maxRead, 1...512, "max-read"),
            malformed: Malformation(rawValue: malformed))
    }

    /// Each written message as visible text (`\r\n` shown), then each read as
    /// `#n size octets -> what the parser reported`.
    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        var lines = HTTPText.wrap(
            "\(name): \(p.requests) pipelined requests, " + (p.chunked ? "chunked bodies" : "Content-Length bodies")
                + ", reads of 1-\(p.maxRead) octets" + (p.malformed.map { ", last request \($0.rawValue)" } ?? ""), 80
        ).map { HTTPText.bold($0, style) }
        var lastReader = ""
        var readNumber = 0
        for step in trace.trace {
            switch step.kind {
            case .write:
                let what = step.side == "client" ? "request" : "response"
                lines.append("")
                lines.append(
                    HTTPText.bold("\(step.side) writes \(what) (\(step.bytes.bytes.count) octets)", style)
                        + (step.malformed.map { HTTPText.colour("  malformed: \($0.rawValue)", HTTPText.red, style) } ?? ""))
                var line: [UInt8] = []
                for byte in step.bytes.bytes {
                    line.append(byte)
                    if byte == 0x0a {
                        lines.append("  " + HTTPText.fit(HTTPText.visible(line), 76))
                        line = []
                    }
                }
                if !line.isEmpty { lines.append("  " + HTTPText.fit(HTTPText.visible(line), 76)) }
            case .read:
                if step.side != lastReader {
                    lastReader = step.side
                    readNumber = 0
                    lines.append("")
                    lines.append(HTTPText.bold("\(step.side) parser reads", style))
                }
                readNumber += 1
                let prefix = HTTPText.padLeft("#\(readNumber)", 5) + HTTPText.padLeft("\(step.bytes.bytes.count)", 4) + "  "
                let text = HTTPText.pad("\"" + HTTPText.fit(HTTPText.visible(step.bytes.bytes), 26) + "\"", 29)
                let events = step.events.isEmpty ? ["(needs more)"] : step.events
                for (index, event) in events.enumerated() {
                    let colour = event.hasPrefix("error") ? HTTPText.red : event.hasPrefix("head") ? HTTPText.cyan : HTTPText.dim
                    let lead = index == 0 ? prefix + text : String(repeating: " ", count: prefix.count + 29)
                    lines.append(lead + " " + HTTPText.colour(HTTPText.fit(event, 80 - lead.count - 1), colour, style))
                }
            }
        }
        let r = trace.result
        lines.append("")
        lines.append(
            "server parsed \(r.requestsParsed) of \(p.requests) requests in \(r.serverReads) reads; "
                + "client parsed \(r.responsesParsed) responses in \(r.clientReads) reads")
        if let error = r.error {
            lines += HTTPText.wrap("error: \(error)", 80).map { HTTPText.colour($0, HTTPText.red, style) }
        }
        return lines.joined(separator: "\n")
    }
}
