import ArgumentParser

@main
struct Netprep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netprep",
        abstract: "A knowledge base and quiz engine for networking interviews.",
        subcommands: []
    )
}
