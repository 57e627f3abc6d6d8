/// `string`: the character-class constants.
enum StringModule {
    static func make() -> ModuleObject {
        let lower = "abcdefghijklmnopqrstuvwxyz"
        let upper = lower.uppercased()
        return StandardModules.module(
            "string", [],
            constants: [
                ("ascii_lowercase", .str(lower)), ("ascii_uppercase", .str(upper)), ("ascii_letters", .str(lower + upper)),
                ("digits", .str("0123456789")), ("hexdigits", .str("0123456789abcdefABCDEF")), ("octdigits", .str("01234567")),
                ("punctuation", .str("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")), ("whitespace", .str(" \t\n\r\u{0B}\u{0C}")),
            ])
    }
}
