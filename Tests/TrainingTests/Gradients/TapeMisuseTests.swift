import Testing
import Training

/// `tape.value(tape.op(x))` compiles, but Swift reads the tape (the receiver) before the
/// argument records `op`'s node, so the copy it reads lacks the node. The tape stops with a
/// message that says how to write the call instead of an index out of range.
@Suite("Tape: reading a variable recorded after the read began")
struct TapeMisuseTests {
    @Test("value(tape.op(x)) stops with a message naming the fix")
    func valueOfAnOpRecordedInTheArgument() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var tape = Tape()
            let x = tape.input(Tensor(shape: [2], scalars: [1, 2]))
            _ = tape.value(tape.exp(x))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("write `let y = tape.op(x)` first, then `tape.value(y)`"), "\(message)")
    }

    @Test("written in two statements, the same read works")
    func valueAfterTheOp() {
        var tape = Tape()
        let x = tape.input(Tensor(shape: [2], scalars: [0, 0]))
        let y = tape.exp(x)
        #expect(tape.value(y).scalars == [1, 1])
        #expect(tape.shape(y) == [2])
    }
}
