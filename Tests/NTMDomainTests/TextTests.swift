import Testing
@testable import NTMDomain

@Suite("Vietnamese text and formats")
struct TextTests {
    @Test("Search keys fold diacritics and case, and map đ to d", arguments: [
        ("Điền Mỹ", "dien my"), ("Huyện Hương Khê", "huyen huong khe"), ("ĐỒNG  Lộc", "dong loc"), ("Kỳ Lạc", "ky lac"),
    ])
    func searchKey(input: String, expected: String) {
        #expect(TextFolding.searchKey(input) == expected)
    }

    @Test("Input is stored in NFC form")
    func nfc() {
        let decomposed = "Me\u{0302}\u{0300}" // e + circumflex + grave
        #expect(TextFolding.normalized(decomposed) == "Mề")
        #expect(TextFolding.normalized("  Xã   Kỳ Lạc ") == "Xã Kỳ Lạc")
    }

    @Test("Control and invisible characters are dropped; line breaks and tabs become spaces")
    func controlCharacters() {
        #expect(TextFolding.normalized("Kế\u{0007}hoạch\u{001B}") == "Kếhoạch")
        #expect(TextFolding.normalized("\u{FEFF}Xã\u{200B} Kỳ\tLạc\r\nHà Tĩnh") == "Xã Kỳ Lạc Hà Tĩnh")
        #expect(TextFolding.normalized("\u{0001}\u{0002}").isEmpty)   // a name of control characters is empty, so refused
    }

    @Test("Numbers are written 1.346,7 in Vietnamese and 1,346.7 in English")
    func numbers() {
        #expect(NumberFormat.format(1346.7) == "1.346,7")
        #expect(NumberFormat.format(1346.7, language: .en) == "1,346.7")
        #expect(NumberFormat.format(3365) == "3.365")
        #expect(NumberFormat.format(3.96, decimals: 2) == "3,96")
        #expect(NumberFormat.format(100.0) == "100")
        #expect(NumberFormat.format(-0.04, decimals: 1) == "0")
        #expect(NumberFormat.format(1017.45, decimals: 1) == "1.017,5")
    }

    @Test("Dates are read in both forms and written day first")
    func dates() {
        #expect(Day("26/04/2022") == Day("2022-04-26"))
        #expect(DateFormat.format(Day("2020-09-08")!) == "08/09/2020")
        #expect(Day("2022-02-30") == nil)
        #expect(Day("yesterday") == nil)
        #expect(Day("2024-02-29") != nil)
    }

    @Test("Official unit types map to levels")
    func levels() {
        #expect(AdminLevel.fromOfficialType("Thị trấn") == .town)
        #expect(AdminLevel.fromOfficialType("Huyện") == .district)
        #expect(AdminLevel.fromOfficialType("Xã") == .commune)
        #expect(AdminLevel.fromOfficialType("Phường") == .ward)
        #expect(AdminLevel.fromOfficialType("Làng xã") == nil)
    }
}
