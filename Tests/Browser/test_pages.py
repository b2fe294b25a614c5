"""Pages in a real browser: headless Chromium driven by Selenium against a running `ntm serve`
with the demo data (started by scripts/test-browser, which passes NTM_URL)."""
import os
import re
import tempfile
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from sheet_edits import edit_template

BASE = os.environ.get("NTM_URL", "http://127.0.0.1:8080")

# The main pages a user reaches, as of the demo's report days.
MAIN_PAGES = [
    "/",
    "/search?q=huong",
    "/units/42?date=2022-04-26",
    "/units/444?date=2022-04-26",
    "/units/18523?date=2022-04-26",
    "/units/18523/dossier?date=2022-07-20",
    "/units/18838?date=2026-10-01",
    "/units/444/funding?date=2022-04-26",
    "/units/444/sponsors?date=2022-04-26",
    "/units/444/plans?date=2022-09-30",
    "/units/444/summary?year=2021",
    "/units/444/report?date=2022-09-30",
    "/units/444/outlook?date=2022-06-30&amount=1.017,4&met=18502:2",
    "/units/42/map?date=2022-04-26",
    "/criteria-sets",
    "/criteria-sets/ha-tinh-xa-ntm-318",
    "/public?q=huong binh",
    "/public/units/18523",
    "/public/units/18523?date=2022-04-26",
]


def browser(width=1366, height=900):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    binary = os.environ.get("CHROMIUM_BINARY")
    if binary:
        options.binary_location = binary
    # Works with Debian's python3-selenium (4.8) and PyPI's (4.x): the chrome Service class is in both.
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    # A desktop window cannot be narrower than 500 px: emulate the phone's viewport instead.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.implicitly_wait(2)
    return driver


def sign_in(driver, username, password):
    driver.get(BASE + "/login")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action^='/login'] button[type=submit]").click()
    # Wait for the signed-in page: navigating away earlier would abort the sign-in.
    WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)


def severe_console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


class CommuneOfficerEntersAnAssessment(unittest.TestCase):
    def setUp(self):
        self.driver = browser()

    def tearDown(self):
        self.driver.quit()

    def district_total(self):
        self.driver.get(BASE + "/units/444?date=2022-05-10")
        return int(self.driver.find_element(By.ID, "total-met").text.strip())

    def test_mistake_kept_then_saved_and_totals_follow(self):
        d = self.driver
        before = self.district_total()
        sign_in(d, "huongbinh", "ntm-xa-demo")
        d.get(BASE + "/units/18523?date=2022-05-10")
        d.find_element(By.ID, "enter-assessment").click()
        self.assertIn("/units/18523/assessment", d.current_url)

        value = d.find_element(By.ID, "i5")
        value.clear()
        value.send_keys("abc")
        Select(d.find_element(By.NAME, "c7")).select_by_value("na")
        d.find_element(By.ID, "save-assessment").click()
        problems = d.find_element(By.ID, "problems").text + " ".join(e.text for e in d.find_elements(By.CLASS_NAME, "field-problem"))
        self.assertIn("không phải là số", problems)
        self.assertEqual(d.find_element(By.ID, "i5").get_attribute("value"), "abc")
        self.assertEqual(Select(d.find_element(By.NAME, "c7")).first_selected_option.get_attribute("value"), "na")
        # The refused save answers 422 on purpose (the browser logs the status); nothing else may fail.
        self.assertTrue(all("422" in message for message in severe_console_errors(d)))

        value = d.find_element(By.ID, "i5")
        value.clear()
        value.send_keys("80,5")
        d.find_element(By.ID, "save-assessment").click()
        flash = d.find_element(By.ID, "flash").text
        self.assertIn("19/19", flash)
        self.assertIn("không áp dụng", flash)
        self.assertIn("19/19", d.find_element(By.ID, "score").text)
        self.assertEqual(self.district_total(), before - 1)
        self.assertEqual(severe_console_errors(d), [])

    def test_evidence_photo_beside_its_indicator(self):
        d = self.driver
        sign_in(d, "huongbinh", "ntm-xa-demo")
        d.get(BASE + "/units/18523/evidence?date=2022-05-10")
        photo = os.path.join(tempfile.mkdtemp(), "duong-thon.png")
        with open(photo, "wb") as f:
            f.write(bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + bytes(200))
        Select(d.find_element(By.NAME, "indicator")).select_by_value("2.4")
        d.find_element(By.ID, "evidence-file").send_keys(photo)
        d.find_element(By.ID, "upload-evidence").click()
        self.assertIn("duong-thon.png", d.find_element(By.ID, "flash").text)
        d.get(BASE + "/units/18523?date=2022-05-10")
        links = [link.text for link in d.find_elements(By.CSS_SELECTOR, "a.evidence")]
        self.assertTrue(any("duong-thon.png" in text for text in links), links)
        self.assertEqual(severe_console_errors(d), [])


class OutOfScopeOfficer(unittest.TestCase):
    def setUp(self):
        self.driver = browser()

    def tearDown(self):
        self.driver.quit()

    def test_no_form_and_forged_post_refused(self):
        d = self.driver
        sign_in(d, "agribank", "ntm-dodau-demo")
        d.get(BASE + "/units/18523?date=2022-05-10")
        self.assertEqual(d.find_elements(By.ID, "enter-assessment"), [])
        token = d.find_element(By.NAME, "_csrf").get_attribute("value")
        status = d.execute_async_script(
            """const done = arguments[arguments.length - 1];
               fetch('/units/18523/assessment', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                     body: new URLSearchParams({_csrf: arguments[0], date: '2022-05-10', c1: 'met'})})
                 .then(r => done(r.status)).catch(e => done(String(e)));""", token)
        self.assertEqual(status, 403)


class PhoneWidth(unittest.TestCase):
    """At 390 px no page scrolls sideways as a whole: wide tables scroll inside their own box."""

    def setUp(self):
        self.driver = browser(390, 844)

    def tearDown(self):
        self.driver.quit()

    def test_main_pages_fit_390px(self):
        d = self.driver
        d.get(BASE + "/")
        self.assertEqual(d.execute_script("return window.innerWidth"), 390)
        overflowing = []
        for path in MAIN_PAGES:
            d.get(BASE + path)
            width = d.execute_script("return document.documentElement.scrollWidth")
            viewport = d.execute_script("return window.innerWidth")
            if width > viewport + 1:
                overflowing.append(f"{path}: {width}px > {viewport}px")
        self.assertEqual(overflowing, [])

    def test_assessment_form_fits_390px(self):
        d = self.driver
        sign_in(d, "huongbinh", "ntm-xa-demo")
        d.get(BASE + "/units/18523/assessment?date=2022-06-01")
        self.assertLessEqual(d.execute_script("return document.documentElement.scrollWidth"),
                             d.execute_script("return window.innerWidth") + 1)


class DistrictOfficerAsksWhatIf(unittest.TestCase):
    def setUp(self):
        self.driver = browser()

    def tearDown(self):
        self.driver.quit()

    def test_ticks_change_the_total_and_are_saved_by_name(self):
        d = self.driver
        sign_in(d, "huongkhe", "ntm-huyen-demo")
        d.get(BASE + "/units/444/outlook?date=2022-06-30")
        boxes = d.find_elements(By.CSS_SELECTOR, "#what-if-form input[name=met][value^='18502:']")
        self.assertGreater(len(boxes), 0)
        for box in boxes:
            box.click()
        d.find_element(By.CSS_SELECTOR, "#what-if-form button[type=submit]").click()
        total = d.find_element(By.ID, "what-if-total").text
        before, after = (int(n) for n in re.findall(r"(\d+) → (\d+)", total)[0])
        self.assertEqual(after - before, len(boxes))
        self.assertIn("18502", d.current_url)
        self.assertTrue(d.find_element(By.CSS_SELECTOR, "button[data-print]").is_displayed())
        d.find_element(By.CSS_SELECTOR, "#save-scenario input[name=name]").send_keys("Hà Linh về đích")
        d.find_element(By.CSS_SELECTOR, "#save-scenario button[type=submit]").click()
        self.assertIn("Hà Linh về đích", d.find_element(By.ID, "flash").text)
        self.assertIn("Hà Linh về đích", d.find_element(By.ID, "saved-scenarios").text)
        # The saved link reopens the same suppositions.
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "#what-if-form input[name=met][value^='18502:']:checked")), len(boxes))


class DistrictOfficerImportsTheSheet(unittest.TestCase):
    DAY = "2022-05-20"

    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.driver = browser()
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": self.folder})

    def tearDown(self):
        self.driver.quit()

    def district_total(self):
        self.driver.get(BASE + "/units/444?date=" + self.DAY)
        return int(self.driver.find_element(By.ID, "total-met").text.strip())

    def test_template_row_error_then_preview_and_confirm(self):
        d = self.driver
        before = self.district_total()
        sign_in(d, "huongkhe", "ntm-huyen-demo")
        d.get(BASE + "/units/444?date=" + self.DAY)
        d.find_element(By.ID, "import-link").click()
        d.find_element(By.ID, "template-link").click()
        WebDriverWait(d, 20).until(lambda _: any(n.endswith(".xlsx") for n in os.listdir(self.folder)))
        template = os.path.join(self.folder, next(n for n in os.listdir(self.folder) if n.endswith(".xlsx")))
        changed, broken, fixed, row, column = edit_template(template, self.folder)
        self.assertEqual(changed, 2)

        d.find_element(By.CSS_SELECTOR, "#import-upload input[name=date]").clear()
        d.execute_script("document.querySelector('#import-upload input[name=date]').value = arguments[0]", self.DAY)
        d.find_element(By.CSS_SELECTOR, "#import-upload input[type=file]").send_keys(broken)
        d.find_element(By.CSS_SELECTOR, "#import-upload button[type=submit]").click()
        problems = d.find_element(By.ID, "import-problems").text
        self.assertIn(f"dòng {row}", problems)
        self.assertIn(f"cột {column}", problems)
        self.assertIn("abc", problems)
        self.assertEqual(self.district_total(), before)

        d.get(BASE + "/units/444/import?date=" + self.DAY)
        d.find_element(By.CSS_SELECTOR, "#import-upload input[type=file]").send_keys(fixed)
        d.find_element(By.CSS_SELECTOR, "#import-upload button[type=submit]").click()
        preview = d.find_element(By.ID, "import-preview")
        self.assertEqual(len(preview.find_elements(By.CSS_SELECTOR, "tbody tr")), 2)
        self.assertEqual(self.district_total_from_preview_page_unchanged(before), True)
        d.find_element(By.CSS_SELECTOR, "#import-confirm button[type=submit]").click()
        self.assertIn(f"{before} → {before + 2}", d.find_element(By.ID, "flash").text)
        self.assertEqual(self.district_total(), before + 2)

    def district_total_from_preview_page_unchanged(self, before):
        # The preview writes nothing: read the total in a second window so the preview page stays.
        d = self.driver
        preview = d.current_window_handle
        d.switch_to.new_window("tab")
        total = self.district_total()
        d.close()
        d.switch_to.window(preview)
        return total == before


# Codes that must never reach a reader: enum values and role names as stored.
RAW_CODES = ["not-assessed", "reached-standard", "in-progress", "commune-officer",
             "district-officer", "provincial-office", "percentAtLeast", "yesNo", "funding-need", "not-applicable"]


class WordsAndDatesAsPeopleWriteThem(unittest.TestCase):
    """No page shows an ISO date or a raw code, in Vietnamese or English."""

    def setUp(self):
        self.driver = browser()

    def tearDown(self):
        self.driver.quit()

    def test_no_iso_dates_or_raw_codes(self):
        d = self.driver
        found = []
        for lang in ("vi", "en"):
            for path in MAIN_PAGES + ["/units/444/import?date=2022-05-10"]:
                d.get(BASE + path + ("&" if "?" in path else "?") + "lang=" + lang)
                text = d.find_element(By.TAG_NAME, "main").text
                isos = re.findall(r"\b(?:19|20)\d\d-\d\d-\d\d\b", text)
                codes = [c for c in RAW_CODES if re.search(r"(?<![\w-])" + re.escape(c) + r"(?![\w-])", text)]
                if isos or codes:
                    found.append(f"{lang} {path}: {isos[:3]} {codes}")
        self.assertEqual(found, [])


class ReportPrintsOnOnePage(unittest.TestCase):
    def setUp(self):
        self.driver = browser()

    def tearDown(self):
        self.driver.quit()

    def test_one_a4_page_with_a_print_button(self):
        import base64
        d = self.driver
        for lang in ("vi", "en"):
            d.get(BASE + "/units/444/report?date=2022-09-30&lang=" + lang)
            self.assertTrue(d.find_element(By.CSS_SELECTOR, "button[data-print]").is_displayed())
            pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True})["data"])
            self.assertEqual(len(re.findall(rb"/Type\s*/Page[^s]", pdf)), 1, lang)


class NoConsoleErrors(unittest.TestCase):
    def setUp(self):
        self.driver = browser()

    def tearDown(self):
        self.driver.quit()

    def test_main_pages_log_no_errors(self):
        d = self.driver
        errors = []
        for path in MAIN_PAGES:
            d.get(BASE + path)
            errors += [f"{path}: {message}" for message in severe_console_errors(d)]
        self.assertEqual(errors, [])


if __name__ == "__main__":
    unittest.main(verbosity=1)
