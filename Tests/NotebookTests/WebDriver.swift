import Foundation

/// Just enough of the W3C WebDriver protocol to drive headless Chromium through
/// `chromedriver` (Debian's `chromium-driver`, which `make test` installs).
final class WebDriver: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }

    private var process = Process()
    private var base = URL(fileURLWithPath: "/")
    private var session = ""

    /// Starts chromedriver on a free port and opens a session. Chromium can take long
    /// to start on a loaded machine (the lesson builds run beside these tests), so a
    /// failed start is retried with a fresh chromedriver before the test fails.
    init() async throws {
        guard let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first(where: FileManager.default.isExecutableFile) else {
            throw Failure(description: "chromedriver is missing: run `make test`, which installs chromium and chromium-driver")
        }
        var problems: [String] = []
        for _ in 0..<3 {
            let port = try Self.freePort()
            base = URL(string: "http://127.0.0.1:\(port)")!
            process = Process()
            process.executableURL = URL(fileURLWithPath: driver)
            process.arguments = ["--port=\(port)"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            do {
                session = try await startSession()
                return
            } catch {
                problems.append(String(describing: error))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        throw Failure(description: "chromedriver did not start a session in 3 tries: \(problems.joined(separator: "; "))")
    }

    private func startSession() async throws -> String {
        var ready = false
        for _ in 0..<300 where !ready {
            ready = (try? await call("GET", "status")) != nil
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard ready else { throw Failure(description: "chromedriver did not answer within 30 s") }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"]],
            "goog:loggingPrefs": ["browser": "ALL"],
        ]]]
        let created = try await call("POST", "session", capabilities)
        guard let value = created as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "no session id in \(String(describing: created))")
        }
        return id
    }

    /// A port nobody listens on: bind port 0, read what the kernel chose, close.
    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "bind: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Ends the session (which closes Chromium) and stops chromedriver, which ignores
    /// SIGTERM, with SIGKILL.
    func quit() async {
        _ = try? await call("DELETE", "session/\(session)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// One WebDriver command, sent with the `curl` command (FoundationNetworking's
    /// URLSession fails on chromedriver's responses with "Failed writing header").
    @discardableResult
    func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["curl", "-s", "--max-time", "60", "-X", method, base.appending(path: path).absoluteString]
        if body != nil { arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"] }
        curl.arguments = arguments
        let input = Pipe(), output = Pipe()
        curl.standardInput = input
        curl.standardOutput = output
        try curl.run()
        if let body { input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: body)) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        guard curl.terminationStatus == 0 else { throw Failure(description: "\(method) \(path): curl exited with \(curl.terminationStatus)") }
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        if let value = json?["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(value["message"] ?? "")")
        }
        return json?["value"]
    }

    /// Sets the window's size in CSS pixels (a phone: 390 × 844).
    func resize(width: Int, height: Int) async throws {
        try await call("POST", "session/\(session)/window/rect", ["width": width, "height": height])
    }

    /// The address of the page now shown.
    func currentURL() async throws -> String {
        try await call("GET", "session/\(session)/url") as? String ?? ""
    }

    func open(_ url: URL) async throws { try await call("POST", "session/\(session)/url", ["url": url.absoluteString]) }

    func run(_ script: String) async throws -> Any? {
        try await call("POST", "session/\(session)/execute/sync", ["script": script, "args": []])
    }

    func element(_ css: String) async throws -> String {
        let found = try await call("POST", "session/\(session)/element", ["using": "css selector", "value": css])
        guard let element = found as? [String: Any], let id = element.values.first as? String else {
            throw Failure(description: "no element \(css)")
        }
        return id
    }

    func type(_ text: String, into css: String) async throws {
        try await call("POST", "session/\(session)/element/\(try await element(css))/value", ["text": text])
    }

    func click(_ css: String) async throws {
        try await call("POST", "session/\(session)/element/\(try await element(css))/click", [:])
    }

    /// Console messages at level SEVERE (errors) since the last call.
    func consoleErrors() async throws -> [String] {
        let log = try await call("POST", "session/\(session)/se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return log.filter { $0["level"] as? String == "SEVERE" }.compactMap { $0["message"] as? String }
    }

    func screenshot(to url: URL) async throws {
        guard let base64 = try await call("GET", "session/\(session)/screenshot") as? String,
              let data = Data(base64Encoded: base64) else { throw Failure(description: "no screenshot") }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}
