import LessonRuntime
import Testing

/// A run's reader-facing strings keep their interpolations: the template a catalog
/// translates, and the values the run filled in. Expected values are what Swift's own
/// string interpolation writes.
@Suite("Localized text") struct LocalizedTextTests {
    @Test("interpolations become numbered values; the text is what a String would hold")
    func interpolation() {
        let rate = 0.03, steps = 200
        let text: LocalizedText = "learning rate \(rate), \(steps) steps, \(rate) again"
        #expect(text.template == "learning rate {1}, {2} steps, {3} again")
        #expect(text.arguments == ["0.03", "200", "0.03"])
        #expect(text.text == "learning rate \(rate), \(steps) steps, \(rate) again")
    }

    @Test("literal braces are doubled in the template and single in the text")
    func braces() {
        let n = 3
        let text: LocalizedText = "a set {x} of \(n)"
        #expect(text.template == "a set {{x}} of {1}")
        #expect(text.text == "a set {x} of 3")
        #expect(LocalizedText(verbatim: "{=}").template == "{{=}}")
    }

    @Test("a translation fills the same values in its own order; a bad one gives nil")
    func filling() {
        #expect(LocalizedText.filling("{2}단계, 학습률 {1}", with: ["0.03", "200"]) == "200단계, 학습률 0.03")
        #expect(LocalizedText.filling("{3}", with: ["a"]) == nil)
        #expect(LocalizedText.filling("lone { brace", with: []) == nil)
        #expect(LocalizedText.placeholders(in: "{2} and {1} and {{not}}") == [1, 2])
    }
}
