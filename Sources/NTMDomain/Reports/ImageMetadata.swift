/// Photos from residents' phones carry where and when they were taken (EXIF GPS), the phone's
/// make and sometimes the owner's name. Only the picture is kept: the JPEG segments and PNG
/// chunks that hold metadata are dropped, byte for byte the rest is the original.
public enum ImageMetadata {
    public enum Kind: String, Sendable { case jpeg = "image/jpeg", png = "image/png" }

    public static func kind(of bytes: [UInt8]) -> Kind? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: pngSignature) { return .png }
        return nil
    }

    /// The image without its metadata, or nil when the bytes are not a well-formed JPEG or PNG.
    public static func stripped(_ bytes: [UInt8]) -> (kind: Kind, bytes: [UInt8])? {
        switch kind(of: bytes) {
        case .jpeg: strippedJPEG(bytes).map { (.jpeg, $0) }
        case .png: strippedPNG(bytes).map { (.png, $0) }
        case nil: nil
        }
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Segments kept before the scan: JFIF (APP0), the colour profile (APP2) and Adobe's colour
    /// transform (APP14), which change how the picture looks. EXIF/XMP (APP1), IPTC (APP13), the
    /// other application segments and comments go.
    static func keepsJPEGSegment(_ marker: UInt8) -> Bool {
        if marker == 0xFE { return false }
        if (0xE0...0xEF).contains(marker) { return [0xE0, 0xE2, 0xEE].contains(marker) }
        return true
    }

    static func strippedJPEG(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = [0xFF, 0xD8]
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }  // fill byte
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { return nil }
            if marker == 0xDA {
                // Start of scan: the compressed picture and everything after it is kept as it is.
                output.append(contentsOf: bytes[index...])
                return output
            }
            if keepsJPEGSegment(marker) { output.append(contentsOf: bytes[index..<(index + 2 + length)]) }
            index += 2 + length
        }
        return nil
    }

    /// Text chunks (tEXt, zTXt, iTXt), EXIF (eXIf) and the modification time (tIME) go.
    static let droppedPNGChunks: Set<String> = ["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]

    static func strippedPNG(_ bytes: [UInt8]) -> [UInt8]? {
        var output = pngSignature
        var index = pngSignature.count
        while index + 12 <= bytes.count {
            let length = bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            let end = index + 12 + length
            guard length >= 0, end <= bytes.count else { return nil }
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            if !droppedPNGChunks.contains(type) { output.append(contentsOf: bytes[index..<end]) }
            index = end
            if type == "IEND" { return output }
        }
        return nil
    }
}
