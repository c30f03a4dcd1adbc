import Basics
import Demos
import Foundation
import Hummingbird
import Quiz
import Store

extension WebApp {
    /// Reviews per day, the due forecast, true retention and mastery per topic, as SVG charts.
    func stats(_ request: Request) throws -> Response {
        let zh = language(of: request) == .zh
        let report = try QuizStatistics.report(store: ReviewStore(database), scheduler: settings.scheduler, at: Date())
        let reviews = BarChart(
            id: "reviews-chart", title: zh ? "每天的复习（近 30 天）" : "Reviews per day (last 30 days)",
            bars: report.reviewsPerDay.map { .init(label: String($0.date.suffix(5)), value: $0.reviews, part: $0.again) },
            partLabel: zh ? "忘记" : "again")
        let forecast = BarChart(
            id: "forecast-chart", title: zh ? "到期预测（未来 30 天）" : "Due forecast (next 30 days)",
            bars: report.forecast.enumerated().map {
                .init(label: $0.offset == 0 ? (zh ? "今天" : "today") : "+\($0.offset)", value: $0.element)
            })
        let retention = report.trueRetention.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
        let mastery = MasteryChart(id: "mastery-chart", topics: report.mastery)
        let year = CalendarChart(
            id: "year-chart", days: try QuizStatistics.reviewCalendar(store: ReviewStore(database), at: Date()))
        let body = """
            <h1>\(zh ? "统计" : "Stats")</h1>
            <section class="figures">
            <div class="figure"><span id="retention">\(retention)</span><small>\(zh ? "真实记忆率" : "true retention") (\(report.retentionReviews) \(zh ? "次复习" : "reviews"))</small></div>
            <div class="figure"><span id="reviews-total">\(report.reviewsPerDay.reduce(0) { $0 + $1.reviews })</span><small>\(zh ? "近 30 天复习" : "reviews, 30 days")</small></div>
            </section>
            <h2>\(zh ? "一年的复习" : "A year of reviews")</h2>\(year.svg)
            <h2>\(reviews.title)</h2>\(reviews.svg)
            <h2>\(forecast.title)</h2>\(forecast.svg)
            <h2>\(zh ? "各主题掌握度" : "Mastery per topic")</h2>\(mastery.svg)
            """
        return .html(layout(zh ? "统计" : "Stats", .stats, request).page(body))
    }
}

/// Vertical bars with a label under each, and optionally a part of each bar in another colour.
struct BarChart {
    struct Bar {
        var label: String
        var value: Int
        var part: Int = 0
    }

    var id: String
    var title: String
    var bars: [Bar]
    var partLabel: String = ""

    var svg: String {
        let width = 720.0, height = 200.0, left = 36.0, bottom = 28.0, top = 10.0
        let peak = max(1, bars.map(\.value).max() ?? 1)
        let step = (width - left - 8) / Double(max(1, bars.count))
        let scale = (height - top - bottom) / Double(peak)
        var marks = ""
        for (index, bar) in bars.enumerated() {
            let x = left + Double(index) * step + 2
            let h = Double(bar.value) * scale
            let y = height - bottom - h
            let tip = "\(bar.label): \(bar.value)" + (bar.part > 0 ? " (\(bar.part) \(partLabel))" : "")
            marks +=
                "<rect class=\"bar\" data-label=\"\(HTML.escape(bar.label))\" data-value=\"\(bar.value)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(step - 4))\" height=\"\(f(h))\" fill=\"#1f6feb\"><title>\(HTML.escape(tip))</title></rect>"
            if bar.part > 0 {
                let p = Double(bar.part) * scale
                marks +=
                    "<rect class=\"part\" x=\"\(f(x))\" y=\"\(f(height - bottom - p))\" width=\"\(f(step - 4))\" height=\"\(f(p))\" fill=\"#cf222e\"/>"
            }
            // Every fifth label, counted from the last bar (today, or the day after it).
            if bars.count <= 10 || (bars.count - 1 - index) % 5 == 0 || (bars.count > 20 && index == 0) {
                marks +=
                    "<text x=\"\(f(x + step / 2 - 2))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(HTML.escape(bar.label))</text>"
            }
        }
        let axis =
            "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width))\" y2=\"\(f(height - bottom))\" stroke=\"#8c959f\"/>"
            + "<text x=\"\(f(left - 6))\" y=\"\(f(top + 10))\" text-anchor=\"end\">\(peak)</text>"
            + "<text x=\"\(f(left - 6))\" y=\"\(f(height - bottom))\" text-anchor=\"end\">0</text>"
        return
            "<svg id=\"\(id)\" class=\"chart\" role=\"img\" aria-label=\"\(HTML.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-size=\"11\" fill=\"#57606a\">\(axis)\(marks)</svg>"
    }
}

/// One horizontal bar per topic: its mean recall probability now.
struct MasteryChart {
    var id: String
    var topics: [TopicMastery]

    var svg: String {
        let row = 22.0, left = 150.0, width = 720.0
        let height = max(row, Double(topics.count) * row + 8)
        var marks = ""
        for (index, topic) in topics.enumerated() {
            let y = 4 + Double(index) * row
            let w = (width - left - 60) * min(max(topic.mastery, 0), 1)
            marks +=
                "<rect x=\"\(f(left))\" y=\"\(f(y))\" width=\"\(f(width - left - 60))\" height=\"\(f(row - 6))\" fill=\"#eaeef2\"/>"
                + "<text x=\"\(f(left - 8))\" y=\"\(f(y + 14))\" text-anchor=\"end\">\(HTML.escape(topic.topic))</text>"
                + "<rect class=\"bar\" data-label=\"\(HTML.escape(topic.topic))\" data-value=\"\(f(topic.mastery))\" x=\"\(f(left))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(row - 6))\" fill=\"#1a7f37\"><title>\(HTML.escape(topic.topic)): \(Int((topic.mastery * 100).rounded()))% (\(topic.reviewed)/\(topic.cards))</title></rect>"
                + "<text x=\"\(f(left + w + 6))\" y=\"\(f(y + 14))\">\(Int((topic.mastery * 100).rounded()))%</text>"
        }
        return
            "<svg id=\"\(id)\" class=\"chart\" role=\"img\" aria-label=\"mastery\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-size=\"12\" fill=\"#57606a\">\(marks)</svg>"
    }
}

/// A year of reviews as a calendar: a column per week (Monday on top), a square per day,
/// darker for more reviews, the months named above.
struct CalendarChart {
    var id: String
    var days: [StatsReport.Day]

    var svg: String {
        let cell = 11.0, gap = 2.0, left = 28.0, top = 16.0
        let weeks = (days.count + 6) / 7
        // Room on the right for the last month's name.
        let width = left + Double(weeks) * (cell + gap) + 16
        let height = top + 7 * (cell + gap)
        // Four shades above zero, cut at quarters of the busiest day.
        let peak = max(1, days.map(\.reviews).max() ?? 1)
        let shades = ["#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39"]
        var marks = ""
        var lastMonth = ""
        for (index, day) in days.enumerated() {
            let week = index / 7, weekday = index % 7
            let x = left + Double(week) * (cell + gap), y = top + Double(weekday) * (cell + gap)
            let level = day.reviews == 0 ? 0 : min(4, 1 + (day.reviews - 1) * 4 / peak)
            marks +=
                "<rect class=\"day\" data-date=\"\(day.date)\" data-value=\"\(day.reviews)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell))\" height=\"\(f(cell))\" rx=\"2\" fill=\"\(shades[level])\"><title>\(day.date): \(day.reviews)</title></rect>"
            let month = String(day.date.dropFirst(5).prefix(2))
            // A month is named over the first week that starts in it (not over the partial first).
            if weekday == 0 {
                if month != lastMonth, index > 0 {
                    marks += "<text x=\"\(f(x))\" y=\"10\">\(Self.monthNames[(Int(month) ?? 1) - 1])</text>"
                }
                lastMonth = month
            }
        }
        for (row, label) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
            marks += "<text x=\"0\" y=\"\(f(top + Double(row) * (cell + gap) + 9))\">\(label)</text>"
        }
        return
            "<svg id=\"\(id)\" class=\"chart\" role=\"img\" aria-label=\"reviews per day over a year\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-size=\"9\" fill=\"#57606a\">\(marks)</svg>"
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

/// A coordinate as the demos' pictures write it.
func f(_ value: Double) -> String { SVGText.coordinate(value) }
