import ArgumentParser
import Basics
import Foundation
import Models

extension HTTP2FramesDemo: Demo {
    public static let summary = "HTTP/2 frames on one connection: SETTINGS, HEADERS, DATA, flow control, GOAWAY"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Requests multiplexed on the connection, 1-8.", valueName: "n"))
        var streams = 3
        @Option(help: ArgumentHelp("Octets in each response body, 0-200000.", valueName: "n"))
        var size = 20000
        @Option(help: ArgumentHelp("Client's SETTINGS_INITIAL_WINDOW_SIZE, 1024-2147483647.", valueName: "n"))
        var window = 65535
        @Option(
            name: .customLong("max-frame"),
            help: ArgumentHelp("Client's SETTINGS_MAX_FRAME_SIZE, 16384-16777215.", valueName: "n"))
        var maxFrame = 16384
        @Option(help: ArgumentHelp("Octets of padding in each DATA frame, 0-256.", valueName: "n"))
        var padding = 0
        @Option(
            help: ArgumentHelp(
                "The client resets its K-th stream (RST_STREAM CANCEL) after its first DATA.", valueName: "k"))
        var cancel = 0
        @Option(
            help: ArgumentHelp(
                "Add an N-octet cookie to each request, 0-100000 (big ones need CONTINUATION).", valueName: "n"))
        var cookie = 0

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let parameters = Parameters(
            streams: try OptionCheck.within(options.streams, 1...8, "streams"),
            size: try OptionCheck.within(options.size, 0...200_000, "size"),
            window: try OptionCheck.within(options.window, 1024...2_147_483_647, "window"),
            maxFrame: try OptionCheck.within(options.maxFrame, 16384...16_777_215, "max-frame"),
            padding: try OptionCheck.within(options.padding, 0...256, "padding"),
            cancel: try OptionCheck.within(options.cancel, 0...8, "cancel"),
            cookie: try OptionCheck.within(options.cookie, 0...100_000, "cookie"))
        if let cancel = parameters.cancel, cancel > parameters.streams {
            throw DemoError.badOption("--cancel \(cancel): there are only \(parameters.streams) streams")
        }
        return Parameters(
            streams: parameters.streams, size: parameters.size, window: parameters.window,
            maxFrame: parameters.maxFrame, padding: parameters.padding,
            cancel: parameters.cancel == 0 ? nil : parameters.cancel, cookie: parameters.cookie)
    }

    /// A ladder: client frames run left to right, server frames right to left; each HEADERS
    /// frame lists the fields its HPACK block carries, each DATA frame the server's remaining
    /// send windows (connection/stream).
    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        let inner = 76
        var lines = HTTPText.wrap(
            "\(name): \(p.streams) streams of \(p.size) octets, window \(p.window), max frame \(p.maxFrame)"
                + (p.padding > 0 ? ", padding \(p.padding)" : "") + (p.cancel.map { ", cancel stream #\($0)" } ?? "")
                + (p.cookie > 0 ? ", \(p.cookie)-octet cookie" : ""),
            80
        ).map { HTTPText.bold($0, style) }
        lines.append("client" + String(repeating: " ", count: 68) + "server")
        for step in trace.trace {
            var label = step.type == "PREFACE" ? "PREFACE" : "\(step.type) s\(step.stream)"
            if !step.flags.isEmpty { label += " " + step.flags.joined(separator: "|") }
            label += " \(step.length)B"
            if !step.summary.isEmpty { label += " " + step.summary }
            if let connection = step.connectionWindow, let stream = step.streamWindow {
                label += " win \(connection)/\(stream)"
            }
            label = HTTPText.fit(label, inner - 6)
            let colour =
                step.type == "DATA"
                ? HTTPText.dim
                : step.type == "HEADERS"
                    ? HTTPText.cyan
                    : step.type == "RST_STREAM" || step.type == "GOAWAY" ? HTTPText.red : HTTPText.yellow
            let dashes = String(repeating: "-", count: max(inner - label.count - 2, 3))
            let arrow =
                step.direction == "client"
                ? HTTPText.colour(label, colour, style) + " " + dashes + ">"
                : "<" + dashes + " " + HTTPText.colour(label, colour, style)
            lines.append("| " + arrow + " |")
            for field in step.fields ?? [] {
                lines.append("|     " + HTTPText.pad(field.description, inner - 4) + " |")
            }
        }
        let r = trace.result
        lines.append("")
        lines += HTTPText.wrap(
            "\(r.frames) frames, \(r.octets) octets: \(r.dataOctets) in \(r.dataFrames) DATA frames, "
                + "\(r.frameHeaderOctets) in 9-octet frame headers; \(r.windowUpdates) WINDOW_UPDATEs; "
                + "\(r.completedStreams) streams complete" + (r.cancelledStreams > 0 ? ", \(r.cancelledStreams) reset" : ""),
            80)
        return lines.joined(separator: "\n")
    }
}
