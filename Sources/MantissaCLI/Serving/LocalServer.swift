import Foundation
import Glibc

/// The HTTP server of `mantissa serve`: just enough HTTP/1.1 for a browser on this machine
/// to read the site. It binds 127.0.0.1 only, answers GET and HEAD, one request per
/// connection, and bounds what a client can make it do, since any web page the user
/// opens can send requests to 127.0.0.1:
/// - a request line longer than `maxRequestLine` bytes is refused with 414 as soon as
///   that many bytes have come without a line end; headers beyond `maxHeaders` with 431;
/// - a client that sends nothing for `readTimeout` seconds is dropped.
///
/// Our own (about 150 lines over POSIX sockets) rather than a framework: FlyingFox, used
/// before, reads a request line of any length and scans it byte by byte (a 1 MB path kept
/// a core busy long after the client left), and has no setting to bound it.
final class LocalServer: @unchecked Sendable {
    struct Request: Sendable {
        let method: String
        /// The request target's path, percent-decoded, without its query.
        let path: String
    }

    struct Response: Sendable {
        var status: Int
        var contentType: String
        var body: Data

        static func text(_ status: Int, _ text: String) -> Response {
            Response(status: status, contentType: "text/plain; charset=utf-8", body: Data(text.utf8))
        }
    }

    static let maxRequestLine = 8 * 1024
    static let maxHeaders = 32 * 1024
    static let readTimeout = 5

    private let socket: Int32
    /// The port it listens on: the one asked for, or the one the system chose for 0.
    let port: UInt16

    /// Binds 127.0.0.1:`port` and listens, so a taken port fails here, before anything is
    /// announced.
    init(port: UInt16) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeError("cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ServeError("cannot listen on 127.0.0.1:\(port): \(reason); choose another port with --port (0 picks a free one)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.socket = fd
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    /// Accepts connections until the process ends, each answered on a thread of its own.
    func run(_ handle: @escaping @Sendable (Request) -> Response) -> Never {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { continue }
            Thread.detachNewThread { Self.serve(client, handle) }
        }
    }

    private static func serve(_ client: Int32, _ handle: (Request) -> Response) {
        defer { close(client) }
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let response: Response
        var isHead = false
        switch readRequest(client) {
        case .refusal(let refusal): response = refusal
        case .request(let request):
            isHead = request.method == "HEAD"
            response = request.method == "GET" || isHead ? handle(request) : .text(405, "only GET and HEAD\n")
        }
        write(response, head: isHead, to: client)
    }

    /// A request read, or the answer that refuses it.
    private enum Read {
        case request(Request)
        case refusal(Response)
    }

    /// Reads up to the end of the headers, within the limits; the refusal to send otherwise.
    private static func readRequest(_ client: Int32) -> Read {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let lineEnd = buffer.firstRange(of: [13, 10]) {
                if buffer.firstRange(of: end) != nil { return parse(Array(buffer[..<lineEnd.lowerBound])) }
                if buffer.count > maxHeaders { return .refusal(.text(431, "request headers too large\n")) }
            } else if buffer.count > maxRequestLine {
                return .refusal(.text(414, "request line longer than \(maxRequestLine) bytes\n"))
            }
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { return .refusal(.text(400, "incomplete request\n")) }
            buffer += chunk[..<count]
        }
    }

    private static func parse(_ line: [UInt8]) -> Read {
        let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return .refusal(.text(400, "bad request line\n")) }
        let target = parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let path = String(target).removingPercentEncoding, path.hasPrefix("/") else {
            return .refusal(.text(400, "bad request target\n"))
        }
        return .request(Request(method: String(parts[0]), path: path))
    }

    private static func write(_ response: Response, head: Bool, to client: Int32) {
        let reasons = [200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
                       414: "URI Too Long", 431: "Request Header Fields Too Large"]
        var bytes = Data("HTTP/1.1 \(response.status) \(reasons[response.status] ?? "Error")\r\n".utf8)
        bytes += Data("Content-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\n".utf8)
        bytes += Data("Cache-Control: no-store\r\nConnection: close\r\n\r\n".utf8)
        if !head { bytes += response.body }
        bytes.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(client, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                sent += n
            }
        }
    }
}

/// `mantissa serve` could not start.
struct ServeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
