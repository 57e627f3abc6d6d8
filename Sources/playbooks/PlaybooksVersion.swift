/// The version of the `playbooks` command line, printed by `playbooks --version`: defined here only.
enum PlaybooksVersion {
    static let current = "0.1.0"
}
