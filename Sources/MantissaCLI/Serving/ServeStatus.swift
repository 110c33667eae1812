import Foundation

/// The build the browser sees: a version that changes on every rebuild, and the error of
/// the last one, if it failed. Read by the server's threads, written by the rebuilder.
final class ServeStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var version = 0
    private var error: String?

    func finished(error: String?) {
        lock.withLock {
            version += 1
            self.error = error
        }
    }

    func json() -> Data {
        let (version, error) = lock.withLock { (self.version, self.error) }
        let object: [String: Any] = ["version": version, "error": error ?? NSNull()]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
