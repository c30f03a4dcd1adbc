// Written by scripts/update-root-help.sh from `netprep help netprep`; do not edit by hand.

/// `netprep --help` as ArgumentParser writes it, for the widths most terminals and every pipe
/// have: 80 columns, and any width at which no line wraps.
///
/// Printed without ArgumentParser's help generator, which reflects the command with `Mirror`: the
/// standard library's generic types behind `Mirror` cost scans of the binary's 12,000
/// conformance records, 9.6M of `--help`'s 13.7M instructions (callgrind). Other widths, and
/// `netprep help NAME`, go through ArgumentParser. CLITests compare the two at every width
/// from 60 to 140 columns.
enum RootHelp {
    /// The longest line of the unwrapped help, in columns.
    static let widest = 102

    /// The help at exactly 80 columns.
    static let at80 = #"""
        OVERVIEW: A knowledge base and quiz engine for networking interviews.

        Notes in Markdown (the built-in ones and yours) become a searchable topic
        graph, flashcards and runnable protocol demos.

        Examples:
          netprep                      # today: due cards, streak, weakest topics
          netprep quiz --topic tcp
          netprep search 三次握手
          netprep import ~/notes
          netprep topics --tree --topic tcp
          netprep demo run tcp.handshake
          netprep serve --open
          netprep --version

        USAGE: netprep <subcommand>

        OPTIONS:
          -h, --help              Show help information.

        SUBCOMMANDS:
          today (default)         Today at a glance: due cards, new cards, learning,
                                  streak, weakest topics.
          quiz                    Answer the cards that are due, then new ones.
          review                  Record one answer for a card, from a script.
          stats                   Reviews per day, true retention, the due forecast and
                                  mastery per topic.
          search                  Search the notes, in Chinese or English.
          import                  Import your Markdown notes (files or folders,
                                  recursively).
          lint                    Show how netprep reads your notes: topics, cards and
                                  warnings with fixes.
          topics                  List the topics of the knowledge base.
          cards                   List the flashcards found in the notes.
          show                    Show a note or topic with its links and cards.
          demo                    Run the protocol models behind the answers.
          export                  Export cards to Anki (.apkg or text) or printable
                                  Markdown.
          fsrs                    Fit FSRS-6 to your reviews, simulate workloads,
                                  replay histories.
          config                  Show or set your preferences (language, desired
                                  retention, FSRS parameters).
          backup                  Copy your database (every review, card state and
                                  setting) to a file.
          restore                 Put a backup made by 'netprep backup' back in place
                                  of your database.
          doctor                  Check the database, and repair it without losing a
                                  review.
          bench                   Measure the speed goals (build with
                                  scripts/build-release.sh first).
          serve                   Notes, graph, demos, quiz and stats in your browser,
                                  on 127.0.0.1.

          See 'netprep help <subcommand>' for detailed help.
        """#

    /// The help at `widest` columns or more.
    static let unwrapped = #"""
        OVERVIEW: A knowledge base and quiz engine for networking interviews.

        Notes in Markdown (the built-in ones and yours) become a searchable topic
        graph, flashcards and runnable protocol demos.

        Examples:
          netprep                      # today: due cards, streak, weakest topics
          netprep quiz --topic tcp
          netprep search 三次握手
          netprep import ~/notes
          netprep topics --tree --topic tcp
          netprep demo run tcp.handshake
          netprep serve --open
          netprep --version

        USAGE: netprep <subcommand>

        OPTIONS:
          -h, --help              Show help information.

        SUBCOMMANDS:
          today (default)         Today at a glance: due cards, new cards, learning, streak, weakest topics.
          quiz                    Answer the cards that are due, then new ones.
          review                  Record one answer for a card, from a script.
          stats                   Reviews per day, true retention, the due forecast and mastery per topic.
          search                  Search the notes, in Chinese or English.
          import                  Import your Markdown notes (files or folders, recursively).
          lint                    Show how netprep reads your notes: topics, cards and warnings with fixes.
          topics                  List the topics of the knowledge base.
          cards                   List the flashcards found in the notes.
          show                    Show a note or topic with its links and cards.
          demo                    Run the protocol models behind the answers.
          export                  Export cards to Anki (.apkg or text) or printable Markdown.
          fsrs                    Fit FSRS-6 to your reviews, simulate workloads, replay histories.
          config                  Show or set your preferences (language, desired retention, FSRS parameters).
          backup                  Copy your database (every review, card state and setting) to a file.
          restore                 Put a backup made by 'netprep backup' back in place of your database.
          doctor                  Check the database, and repair it without losing a review.
          bench                   Measure the speed goals (build with scripts/build-release.sh first).
          serve                   Notes, graph, demos, quiz and stats in your browser, on 127.0.0.1.

          See 'netprep help <subcommand>' for detailed help.
        """#

    /// The help for a terminal `columns` wide, when it is one of the two kept here.
    static func text(columns: Int) -> String? {
        if columns == 80 { return at80 }
        return columns >= widest ? unwrapped : nil
    }
}
