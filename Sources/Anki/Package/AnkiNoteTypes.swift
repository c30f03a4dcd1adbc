import Export
import Foundation
import Notes
import Store

/// The two note types netprep exports, and their look.
///
/// They are named "netprep Basic" and "netprep Cloze": Anki renames an incoming note type whose
/// name and fields clash with one of its stock types ("Basic" arrives as "Basic+"). Their ids
/// and `mod` are fixed, so a second import reuses the note type it made the first time; bump
/// `mod` when a template or the CSS changes.
enum AnkiNoteTypes {
    static let basicID: Int64 = 1_764_000_000_001
    static let clozeID: Int64 = 1_764_000_000_002
    static let modified: Int64 = 1_764_000_000

    /// Field names, in order; each note carries exactly this many fields.
    static let basicFields = ["Front", "Back", "Source"]
    static let clozeFields = ["Text", "Extra", "Source"]

    static let css = """
        .card {
            font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
            font-size: 18px;
            line-height: 1.5;
            text-align: left;
            color: #1d1d1f;
            background-color: #ffffff;
            max-width: 44em;
            margin: 0 auto;
            padding: 0 0.5em;
        }
        .prompt { font-weight: 600; }
        hr#answer { margin: 1em 0; }
        code {
            font-family: "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
            font-size: 0.9em;
            background: #f2f2f4;
            border-radius: 3px;
            padding: 0 0.2em;
        }
        pre {
            background: #f6f8fa;
            border: 1px solid #d0d7de;
            border-radius: 6px;
            padding: 0.6em 0.8em;
            overflow-x: auto;
            line-height: 1.35;
        }
        pre code { background: none; padding: 0; font-size: 0.85em; white-space: pre; }
        table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
        th, td { border: 1px solid #d0d7de; padding: 0.3em 0.6em; vertical-align: top; }
        th { background: #f6f8fa; }
        blockquote { border-left: 3px solid #d0d7de; margin: 0.5em 0; padding-left: 0.8em; color: #57606a; }
        img { max-width: 100%; }
        .cloze { font-weight: bold; color: #0969da; }
        .demo { margin-top: 0.8em; font-size: 0.85em; color: #57606a; }
        .source { margin-top: 1.2em; font-size: 0.75em; color: #8c959f; }
        .nightMode .card, .night_mode .card { color: #e6edf3; background-color: #0d1117; }
        .nightMode code, .night_mode code { background: #1f242c; }
        .nightMode pre, .night_mode pre { background: #161b22; border-color: #30363d; }
        .nightMode th, .night_mode th { background: #161b22; }
        .nightMode th, .nightMode td, .night_mode th, .night_mode td { border-color: #30363d; }
        .nightMode .cloze, .night_mode .cloze { color: #58a6ff; }
        """

    /// The `models` JSON object of the collection.
    static func modelsJSON(deckID: Int64) -> [String: Any] {
        [
            String(basicID): model(
                id: basicID, name: "netprep Basic", type: 0, fields: basicFields, deckID: deckID,
                template: (
                    name: "Card 1", question: "<div class=\"prompt\">{{Front}}</div>",
                    answer: """
                    {{FrontSide}}

                    <hr id=answer>

                    {{Back}}
                    <div class="source">{{Source}}</div>
                    """
                )),
            String(clozeID): model(
                id: clozeID, name: "netprep Cloze", type: 1, fields: clozeFields, deckID: deckID,
                template: (
                    name: "Cloze", question: "{{cloze:Text}}",
                    answer: """
                    {{cloze:Text}}
                    {{#Extra}}<div class="demo">{{Extra}}</div>{{/Extra}}
                    <div class="source">{{Source}}</div>
                    """
                )),
        ]
    }

    private static func model(
        id: Int64, name: String, type: Int, fields: [String], deckID: Int64,
        template: (name: String, question: String, answer: String)
    ) -> [String: Any] {
        [
            "id": id,
            "name": name,
            "type": type,
            "mod": modified,
            "usn": -1,
            "sortf": 0,
            "did": deckID,
            "tmpls": [
                [
                    "name": template.name, "ord": 0, "qfmt": template.question, "afmt": template.answer,
                    "bqfmt": "", "bafmt": "", "did": NSNull(), "bfont": "", "bsize": 0,
                ] as [String: Any]
            ],
            "flds": fields.enumerated().map { index, field in
                [
                    "name": field, "ord": index, "sticky": false, "rtl": false, "font": "Arial", "size": 20,
                    "description": "", "plainText": false, "collapsed": false, "excludeFromSearch": false,
                    "media": [String](),
                ] as [String: Any]
            },
            "css": css,
            "latexPre":
                "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
            "latexPost": "\\end{document}",
            "latexsvg": false,
            "req": [[0, "any", [0]] as [Any]],
            "tags": [String](),
            "vers": [Int](),
        ]
    }
}
