import Foundation
import Testing

@testable import Demos
@testable import Models

/// Charts: the congestion window, the RTO and gossip's spread, plotted from the same value in
/// a terminal and in SVG.
@Suite struct ChartTests {
    static let names = ["gossip", "tcp.congestion", "tcp.rto"]

    /// A line per series (split where a series has no value), a dot per point, ticks up to a
    /// round number at or above the largest value.
    @Test(arguments: names)
    func theSVGPlotsEverySeries(name: String) throws {
        let chart = try #require(try DemoCatalog.chart(name: name, arguments: [], seed: 1))
        #expect(chart.series.allSatisfy { $0.values.count == chart.x.count })
        let elements = try LadderTests.elements(chart.svg())
        #expect(elements.first?.name == "svg")
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains(chart.title) && texts.contains(chart.xLabel) && texts.contains(chart.yLabel))
        for series in chart.series { #expect(texts.contains(series.name)) }
        let lines = elements.filter { $0.name == "polyline" }
        let points = lines.map { ($0.attributes["points"] ?? "").split(separator: " ").count }.reduce(0, +)
        let values = chart.series.map { $0.values.compactMap { $0 }.count }.reduce(0, +)
        #expect(points == values, "\(name): \(points) points drawn for \(values) values")
        let largest = chart.series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let ticks = texts.compactMap(Double.init)
        #expect((ticks.max() ?? 0) >= largest)
    }

    @Test func ssthreshIsDrawnOnlyWhereItIsSet() throws {
        // An infinite initial ssthresh (nil) until the timeout at round 8 sets one.
        let chart = try #require(
            try DemoCatalog.chart(name: "tcp.congestion", arguments: ["--ssthresh", "inf", "--losses", "8:timeout"], seed: 1))
        let ssthresh = chart.series[1].values
        #expect(ssthresh.prefix(7).allSatisfy { $0 == nil } && ssthresh.last != nil)
        let polylines = try LadderTests.elements(chart.svg()).filter { $0.name == "polyline" }
        #expect(polylines.count == 2)
        #expect(polylines[1].attributes["stroke-dasharray"] == "6 4")
    }

    @Test func roundNumbersForTheAxis() {
        #expect(Chart.niceCeiling(0.7) == 1 && Chart.niceCeiling(1) == 1 && Chart.niceCeiling(13) == 20)
        #expect(Chart.niceCeiling(41) == 50 && Chart.niceCeiling(501) == 1000 && Chart.niceCeiling(0.013) == 0.02)
    }
}
