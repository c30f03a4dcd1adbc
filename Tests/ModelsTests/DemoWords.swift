/// A demo's command-line words from option names and values, as a note or a user would type
/// them (an empty value is a flag): `["losses": "2:dup", "inflate": ""]` gives
/// `--losses 2:dup --inflate`.
func words(_ options: [String: String]) -> [String] {
    options.sorted { $0.key < $1.key }.flatMap { key, value in value.isEmpty ? ["--" + key] : ["--" + key, value] }
}
