"""A resident's report through every state, in a real browser: sent from the commune's public
page with a photo, refused with what to fix, handled by the commune's officer, answered publicly."""
import os
import struct
import tempfile
import unittest
import zlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_pages import BASE, browser, sign_in, severe_console_errors


def png_with_author(path):
    """A real 8×8 PNG carrying the author's name in a text chunk, as phones and editors write."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes([180, 90, 40] * 8) for _ in range(8))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
                + chunk(b"tEXt", b"Author\x00Nguyen Van A") + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class ResidentReportThroughEveryState(unittest.TestCase):
    def setUp(self):
        self.driver = browser(390, 844)
        self.folder = tempfile.mkdtemp()

    def tearDown(self):
        self.driver.quit()

    def send_form(self, description, photo):
        d = self.driver
        Select(d.find_element(By.ID, "report-criterion")).select_by_value("2")
        d.find_element(By.ID, "report-place").send_keys("Đầu cầu Khe Bò")
        text = d.find_element(By.ID, "report-description")
        text.clear()
        text.send_keys(description)
        d.find_element(By.ID, "report-photos").send_keys(photo)
        phone = d.find_element(By.ID, "report-phone")
        phone.clear()
        phone.send_keys("0912 345 678")
        d.find_element(By.ID, "send-report-button").click()

    def test_sent_refused_fixed_handled_and_answered(self):
        d = self.driver
        # A resident finds the commune typing without diacritics.
        d.get(BASE + "/public")
        d.find_element(By.ID, "portal-q").send_keys("huong binh")
        d.find_element(By.ID, "portal-find").click()
        d.find_element(By.CSS_SELECTOR, "#portal-results a[href='/public/units/18523']").click()

        # A file that is not a photo: refused with what to fix, the description kept.
        fake = os.path.join(self.folder, "anh-duong.jpg")
        with open(fake, "w") as f:
            f.write("not a photo")
        description = "Cống qua đường bị vỡ, nước tràn mặt đường"
        self.send_form(description, fake)
        self.assertIn("không phải ảnh JPEG hay PNG", d.find_element(By.ID, "problems").text)
        self.assertEqual(d.find_element(By.ID, "report-description").get_attribute("value"), description)
        self.assertTrue(all("422" in message for message in severe_console_errors(d)))

        # A real photo: received, with a tracking code.
        photo = os.path.join(self.folder, "cong-vo.png")
        png_with_author(photo)
        self.send_form(description, photo)
        code = d.find_element(By.ID, "tracking").text.strip()
        self.assertRegex(code, r"^PA-[A-Z2-9]{4}-[A-Z2-9]{4}$")
        self.assertIn("Đã tiếp nhận", d.find_element(By.ID, "report-status").text)
        self.assertNotIn("0912", d.find_element(By.TAG_NAME, "main").text)

        # The commune's officer sees it on the commune page, with the phone and the photo (its text chunk gone).
        sign_in(d, "xa.huongbinh", "ntm-xa-demo")
        d.get(BASE + "/units/18523")
        d.find_element(By.CSS_SELECTOR, f"#reports-panel a[href$='{code}']").click()
        self.assertIn("0912 345 678", d.find_element(By.ID, "report-phone").text)
        image = d.find_element(By.CSS_SELECTOR, "img.report-photo")
        self.assertTrue(d.execute_script("return arguments[0].complete && arguments[0].naturalWidth === 8", image))
        stored = d.execute_async_script(
            "const done = arguments[1]; fetch(arguments[0]).then(r => r.arrayBuffer())"
            ".then(b => done(new TextDecoder('latin1').decode(b)))", image.get_attribute("src"))
        self.assertNotIn("Nguyen", stored)

        # Taken on, then resolved without an answer (refused), then with one.
        Select(d.find_element(By.ID, "report-next")).select_by_value("in-progress")
        Select(d.find_element(By.ID, "report-assignee")).select_by_value("xa.huongbinh")
        d.find_element(By.ID, "save-report").click()
        # The saved page says so (the old page has the same status element: wait for the new one).
        self.assertIn("Đang xử lý", d.find_element(By.ID, "flash").text)
        self.assertIn("Đang xử lý", d.find_element(By.ID, "report-status").text)
        Select(d.find_element(By.ID, "report-next")).select_by_value("resolved")
        d.find_element(By.ID, "save-report").click()
        self.assertIn("Ghi câu trả lời", d.find_element(By.ID, "problems").text)
        d.find_element(By.ID, "report-answer-input").send_keys("Đã thay cống mới ngày 25/11")
        Select(d.find_element(By.ID, "report-next")).select_by_value("resolved")
        d.find_element(By.ID, "save-report").click()
        self.assertIn("Đã giải quyết", d.find_element(By.ID, "flash").text)
        self.assertIn("Đã giải quyết", d.find_element(By.ID, "report-status").text)
        self.assertEqual(d.find_elements(By.ID, "handle-report"), [])   # closed: no form any more

        # The resident reads the answer with the code; the commune's public page lists it.
        d.get(BASE + "/public/reports/" + code.lower())
        self.assertIn("Đã thay cống mới ngày 25/11", d.find_element(By.ID, "report-answer").text)
        d.get(BASE + "/public/units/18523")
        resolved = d.find_element(By.ID, "resolved").text
        self.assertIn("Đã thay cống mới ngày 25/11", resolved)
        self.assertNotIn("0912", d.find_element(By.TAG_NAME, "main").text)
        self.assertTrue(all("422" in message for message in severe_console_errors(d)))
