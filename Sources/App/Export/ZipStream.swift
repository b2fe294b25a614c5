import Foundation

/// Writes a ZIP archive front to back, entry by entry, without knowing sizes in advance: each
/// entry is stored (not compressed) and followed by a data descriptor with its CRC and size, so
/// an .xlsx of any length can be sent while it is produced. Readers (Excel, LibreOffice,
/// openpyxl) take the sizes from the central directory written at the end.
struct ZipStream {
    private struct Written {
        var name: [UInt8]
        var offset: UInt32
        var crc: UInt32
        var size: UInt32
    }

    private var entries: [Written] = []
    private var offset: UInt32 = 0
    private var current: Written?

    /// The local header of a new entry.
    mutating func begin(_ name: String) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        current = Written(name: nameBytes, offset: offset, crc: 0, size: 0)
        var header: [UInt8] = []
        header.le32(0x0403_4B50)
        header.le16(20)          // version needed
        header.le16(0x0808)      // data descriptor follows; UTF-8 name
        header.le16(0)           // stored
        header.le16(0); header.le16(0x21) // time, date (1980-01-01)
        header.le32(0); header.le32(0); header.le32(0) // crc, sizes: in the descriptor
        header.le16(UInt16(nameBytes.count)); header.le16(0)
        header += nameBytes
        offset &+= UInt32(header.count)
        return header
    }

    /// Accounts for `bytes` of the current entry (they are sent as they are).
    mutating func account(_ bytes: UnsafeRawBufferPointer) {
        guard var entry = current else { return }
        entry.crc = CRC32.update(entry.crc, bytes)
        entry.size &+= UInt32(bytes.count)
        offset &+= UInt32(bytes.count)
        current = entry
    }

    /// The data descriptor closing the current entry.
    mutating func end() -> [UInt8] {
        guard let entry = current else { return [] }
        entries.append(entry)
        current = nil
        var descriptor: [UInt8] = []
        descriptor.le32(0x0807_4B50); descriptor.le32(entry.crc); descriptor.le32(entry.size); descriptor.le32(entry.size)
        offset &+= UInt32(descriptor.count)
        return descriptor
    }

    /// The central directory and its end record.
    mutating func finish() -> [UInt8] {
        var directory: [UInt8] = []
        for entry in entries {
            directory.le32(0x0201_4B50)
            directory.le16(20); directory.le16(20); directory.le16(0x0808); directory.le16(0)
            directory.le16(0); directory.le16(0x21)
            directory.le32(entry.crc); directory.le32(entry.size); directory.le32(entry.size)
            directory.le16(UInt16(entry.name.count)); directory.le16(0); directory.le16(0)
            directory.le16(0); directory.le16(0); directory.le32(0)
            directory.le32(entry.offset)
            directory += entry.name
        }
        var end: [UInt8] = []
        end.le32(0x0605_4B50); end.le16(0); end.le16(0)
        end.le16(UInt16(entries.count)); end.le16(UInt16(entries.count))
        end.le32(UInt32(directory.count)); end.le32(offset)
        end.le16(0)
        return directory + end
    }
}

enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = ~crc
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }
}

private extension [UInt8] {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(shift)) & 0xFF)) } }
}
