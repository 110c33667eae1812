#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends this process's standard output to a temporary file while a lesson runs, so that
/// everything a cell prints (Swift's `print`, C's `printf`) can be read back per cell.
/// A file rather than a pipe: a cell that prints a lot cannot fill a buffer and block.
final class StandardOutputCapture {
    private let saved: Int32
    private let file: UnsafeMutablePointer<FILE>?
    private var offset: off_t = 0

    init() {
        fflush(nil)  // all C streams; Swift 6 forbids touching `stdout` itself
        saved = dup(STDOUT_FILENO)
        file = tmpfile()
        if let file { dup2(fileno(file), STDOUT_FILENO) }
    }

    /// What was printed since the last call: at most `limit` bytes of it (cut at a
    /// character boundary), how many bytes that is, and how many more were printed and
    /// dropped unread.
    func take(limit: Int) -> (text: String, kept: Int, dropped: Int) {
        fflush(nil)  // all C streams; Swift 6 forbids touching `stdout` itself
        guard let file else { return ("", 0, 0) }
        var status = stat()
        fstat(fileno(file), &status)
        let available = Int(status.st_size - offset)
        guard available > 0 else { return ("", 0, 0) }
        var bytes = [UInt8](repeating: 0, count: min(available, max(0, limit)))
        var read = 0
        while read < bytes.count {
            let n = bytes[read...].withUnsafeMutableBytes { pread(fileno(file), $0.baseAddress, $0.count, offset + off_t(read)) }
            if n <= 0 { break }
            read += n
        }
        bytes.removeSubrange(read...)
        if read < available { bytes.removeLast(Self.incompleteTail(bytes)) }
        offset += off_t(available)
        return (String(decoding: bytes, as: UTF8.self), bytes.count, available - bytes.count)
    }

    /// How many bytes at the end of `bytes` are the start of a UTF-8 character that does not
    /// end there.
    static func incompleteTail(_ bytes: [UInt8]) -> Int {
        guard let lead = bytes.lastIndex(where: { $0 & 0xC0 != 0x80 }) else { return 0 }
        let length = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : bytes[lead] >= 0xC0 ? 2 : 1
        let present = bytes.count - lead
        return present < length ? present : 0
    }

    /// Puts standard output back.
    func restore() {
        fflush(nil)  // all C streams; Swift 6 forbids touching `stdout` itself
        dup2(saved, STDOUT_FILENO)
        close(saved)
        if let file { fclose(file) }
    }
}
