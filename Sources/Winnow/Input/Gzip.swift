import CZlib

/// gzip through the system zlib: `.jsonl.gz` dumps are read whole and
/// written back compressed.
enum Gzip {
    /// Why gzip data could not be read, for a message naming the file.
    struct Failure: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// A gzip member starts with 1F 8B.
    static func isCompressed(_ data: [UInt8]) -> Bool {
        data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B
    }

    /// The decompressed bytes of one or more concatenated gzip members.
    /// Throws a reason (for a message naming the file) on corrupt or cut data.
    static func decompress(_ data: [UInt8]) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        repeat {
            let (bytes, end) = try inflateMember(data, at: start, capacity: start == 0 ? data.count * 4 : 64 * 1024).get()
            if out.isEmpty { out = bytes } else { out += bytes }
            start = end
            // Another member may follow (as `cat a.gz b.gz` makes); trailing bytes that are not one are ignored, as gzip does.
        } while start < data.count && data[start] == 0x1F
        return out
    }

    /// One gzip member of a file: where it starts in the file, and its bytes
    /// decompressed, or why they could not be.
    struct Member {
        let offset: Int
        let bytes: Result<[UInt8], Failure>
    }

    /// Calls `body` with the members of concatenated gzip data one by one
    /// (as crawlers write WARC files: a member a record), each with its
    /// offset, decompressed as it comes: a reader holds one member's bytes
    /// at a time, not the whole file's. A corrupt or cut member is given as
    /// a failure, and reading goes on at the next gzip header after it.
    static func forEachMember(_ data: [UInt8], _ body: (Member) -> Void) {
        var start = 0
        while start + 2 <= data.count {
            guard data[start] == 0x1F && data[start + 1] == 0x8B else {
                // Not a member: the rest is skipped up to the next header (or ignored at the end, as gzip does).
                guard let next = nextHeader(data, after: start) else { break }
                body(Member(offset: start, bytes: .failure(Failure("not gzip data (\(next - start) bytes skipped)"))))
                start = next
                continue
            }
            switch inflateMember(data, at: start) {
            case .success(let (bytes, end)):
                body(Member(offset: start, bytes: .success(bytes)))
                start = end
            case .failure(let failure):
                body(Member(offset: start, bytes: .failure(failure)))
                guard let next = nextHeader(data, after: start) else { return }
                start = next
            }
        }
    }

    /// The next gzip member header (1F 8B 08) after `offset`.
    private static func nextHeader(_ data: [UInt8], after offset: Int) -> Int? {
        var i = offset + 1
        while i + 3 <= data.count {
            if data[i] == 0x1F && data[i + 1] == 0x8B && data[i + 2] == 0x08 { return i }
            i += 1
        }
        return nil
    }

    /// The member at `offset`, decompressed, and where the next one starts;
    /// `capacity` is a first guess of its size.
    private static func inflateMember(_ data: [UInt8], at offset: Int, capacity: Int = 64 * 1024) -> Result<([UInt8], Int), Failure> {
        guard offset < data.count else { return .failure(Failure("gzip data is cut short")) }
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failure(Failure("cannot start zlib"))
        }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: max(64 * 1024, capacity))
        var produced = 0
        return data.withUnsafeBufferPointer { inBuffer -> Result<([UInt8], Int), Failure> in
            stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress! + offset)
            stream.avail_in = UInt32(min(inBuffer.count - offset, Int(UInt32.max)))
            while true {
                if produced == out.count { out += repeatElement(0, count: out.count) }
                var status: Int32 = Z_OK
                out.withUnsafeMutableBufferPointer { o in
                    stream.next_out = o.baseAddress! + produced
                    stream.avail_out = UInt32(min(o.count - produced, Int(UInt32.max)))
                    let before = stream.avail_out
                    status = inflate(&stream, Z_NO_FLUSH)
                    produced += Int(before - stream.avail_out)
                }
                switch status {
                case Z_STREAM_END:
                    out.removeLast(out.count - produced)
                    return .success((out, offset + Int(stream.total_in)))
                case Z_OK:
                    if stream.avail_in == 0 && produced < out.count { return .failure(Failure("gzip data is cut short")) }
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 { return .failure(Failure("gzip data is cut short")) }
                default:
                    let detail = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    return .failure(Failure("corrupt gzip data (\(detail))"))
                }
            }
        }
    }

    /// `data` as one gzip member.
    static func compress(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(data.count))) + 64)
        var produced = 0
        data.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                stream.next_in = UnsafeMutablePointer(mutating: i.baseAddress)
                stream.avail_in = UInt32(i.count)
                stream.next_out = o.baseAddress
                stream.avail_out = UInt32(o.count)
                _ = deflate(&stream, Z_FINISH)
                produced = o.count - Int(stream.avail_out)
            }
        }
        out.removeLast(out.count - produced)
        return out
    }
}
