"""Issue 17: Hương Bình's recognition dossier through the whole procedure of 2022, in a real browser —
each actor on their own account and their own steps, each refusal naming what to fix."""
import os
import tempfile
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_pages import BASE, browser, sign_in, severe_console_errors

PAGE = BASE + "/units/18523/dossier?date="


class DossierThroughTheProcedure(unittest.TestCase):
    def setUp(self):
        self.driver = browser()
        self.folder = tempfile.mkdtemp()
        self.pdf = os.path.join(self.folder, "tai-lieu.pdf")
        with open(self.pdf, "wb") as f:
            f.write(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")

    def tearDown(self):
        self.driver.quit()

    def as_user(self, username, password, day):
        self.driver.delete_all_cookies()
        sign_in(self.driver, username, password)
        self.driver.get(PAGE + day)

    def set_value(self, element_id, value):
        """Date inputs are typed differently in each locale: set them as the page would read them."""
        self.driver.execute_script("arguments[0].value = arguments[1]", self.driver.find_element(By.ID, element_id)
                                   if not element_id.startswith("[") else self.driver.find_element(By.CSS_SELECTOR, element_id), value)

    def submit(self, button):
        """Clicks and waits for the next page, so nothing is read from the old one."""
        self.driver.execute_script("window.ntmOldPage = true")
        button.click()
        WebDriverWait(self.driver, 15).until(lambda d: d.execute_script("return !window.ntmOldPage && document.readyState === 'complete'"))

    def upload(self, kind):
        d = self.driver
        Select(d.find_element(By.ID, "document-kind")).select_by_value(kind)
        d.find_element(By.ID, "document-file").send_keys(self.pdf)
        self.submit(d.find_element(By.ID, "upload-document"))
        self.assertIn("tai-lieu.pdf", d.find_element(By.ID, "flash").text)

    def workflow(self, step):
        self.submit(self.driver.find_element(By.ID, "workflow-" + step))
        # Irreversible steps ask first, saying what they will do.
        if self.driver.find_elements(By.ID, "confirm-form"):
            self.assertIn("Hương Bình", self.driver.find_element(By.ID, "confirm").text)
            self.submit(self.driver.find_element(By.CSS_SELECTOR, "#confirm-form button"))
        return self.driver.find_element(By.ID, "flash").text

    def close(self, step):
        self.submit(self.driver.find_element(By.ID, "close-" + step))

    def problems(self):
        return self.driver.find_element(By.ID, "problems").text

    def test_hương_bình_from_self_assessment_to_announcement(self):
        d = self.driver
        # The demo's dossier was recorded outside the procedure: the district returns it.
        self.as_user("huongkhe", "ntm-huyen-demo", "2022-04-28")
        d.find_element(By.CSS_SELECTOR, "form.workflow-step input[name=note]").send_keys("Lập lại hồ sơ theo quy trình")
        self.assertIn("Bị trả lại", self.workflow("return"))

        # The commune opens a dossier under the procedure in force, and uploads its self-assessment.
        self.as_user("huongbinh", "ntm-xa-demo", "2022-05-02")
        self.assertIn("Đang lập hồ sơ", self.workflow("open"))
        for kind in ["result-report", "debt-report", "photos"]:
            self.upload(kind)
        d.get(PAGE + "2022-05-03")
        self.close("self-assessment")
        self.assertIn("Chưa có minh chứng cho tiêu chí", self.problems())
        # Evidence for one indicator of each criterion, from the evidence page.
        d.get(BASE + "/units/18523/evidence?date=2022-05-03")
        options = [o.get_attribute("value") for o in Select(d.find_element(By.NAME, "indicator")).options]
        firsts = {}
        for code in options:
            if code and code.split(".")[0] not in firsts:
                firsts[code.split(".")[0]] = code
        for code in firsts.values():
            Select(d.find_element(By.NAME, "indicator")).select_by_value(code)
            d.find_element(By.ID, "evidence-file").send_keys(self.pdf)
            self.submit(d.find_element(By.ID, "upload-evidence"))
            self.assertIn(code, d.find_element(By.ID, "flash").text)
        d.get(PAGE + "2022-05-03")
        self.close("self-assessment")
        self.assertIn("Đã xong bước", d.find_element(By.ID, "flash").text)

        # Posted 7 days: refused with the count; 16 days: the posting closes.
        d.get(PAGE + "2022-05-20")
        self.set_value("[name=from]", "2022-05-04")
        self.set_value("[name=to]", "2022-05-10")
        self.submit(d.find_element(By.ID, "save-posting"))
        self.assertIn("niêm yết", d.find_element(By.ID, "flash").text)
        self.upload("comments-summary")
        self.close("public-posting")
        self.assertIn("mới niêm yết 7 ngày", self.problems())
        self.set_value("[name=to]", "2022-05-19")
        self.submit(d.find_element(By.ID, "save-posting"))
        self.close("public-posting")
        self.assertIn("Đã xong bước", d.find_element(By.ID, "flash").text)

        # The Front's survey: one village asked too few is named, the numbers typed are kept.
        self.as_user("mttq.huongbinh", "ntm-mttq-demo", "2022-06-05")
        rows = d.find_elements(By.CSS_SELECTOR, "#survey tbody tr")
        self.assertEqual(len(rows), 9)
        for index in range(len(rows)):
            for field, value in [("households", "200"), ("asked", "160" if index else "100"), ("satisfied", "150" if index else "95")]:
                box = d.find_element(By.NAME, f"villages[{index}][{field}]")
                box.clear()
                box.send_keys(value)
        self.submit(d.find_element(By.ID, "save-survey"))
        self.assertIn("9 thôn", d.find_element(By.ID, "flash").text)
        self.upload("survey-result")
        self.close("survey")
        self.assertIn("50 % số hộ", self.problems())
        box = d.find_element(By.NAME, "villages[0][asked]")
        box.clear()
        box.send_keys("160")
        box = d.find_element(By.NAME, "villages[0][satisfied]")
        box.clear()
        box.send_keys("abc")
        self.submit(d.find_element(By.ID, "save-survey"))
        self.assertIn("ba số nguyên", self.problems())
        self.assertEqual(d.find_element(By.NAME, "villages[0][satisfied]").get_attribute("value"), "abc")
        box = d.find_element(By.NAME, "villages[0][satisfied]")
        box.clear()
        box.send_keys("150")
        self.submit(d.find_element(By.ID, "save-survey"))
        self.close("survey")
        self.assertIn("Đã xong bước", d.find_element(By.ID, "flash").text)
        self.assertIn("80 %", d.find_element(By.ID, "survey-total").text)

        # The commune submits once the meeting's minutes and the request are in.
        self.as_user("huongbinh", "ntm-xa-demo", "2022-06-10")
        self.submit(d.find_element(By.ID, "workflow-submit"))
        self.assertIn("Biên bản họp", self.problems())
        for kind in ["meeting-minutes", "request"]:
            self.upload(kind)
        self.assertIn("Đã nộp", self.workflow("submit"))

        # The district reviews.
        self.as_user("huongkhe", "ntm-huyen-demo", "2022-06-20")
        self.upload("review-report")
        self.assertIn("Đã thẩm định", self.workflow("pass"))

        # The province appraises, the council votes, the chairman decides, the decision is announced.
        self.as_user("vpdp.hatinh", "ntm-tinh-demo", "2022-07-01")
        self.upload("appraisal-report")
        self.close("appraisal")
        d.get(PAGE + "2022-07-10")
        self.upload("council-minutes")
        for name, value in [("members", "20"), ("for", "20"), ("against", "0"), ("abstain", "0")]:
            box = d.find_element(By.CSS_SELECTOR, f"#council-form [name={name}]")
            box.clear()
            box.send_keys(value)
        self.set_value("[name=votedOn]", "2022-07-10")
        self.submit(d.find_element(By.ID, "save-vote"))
        self.assertIn("20/20", d.find_element(By.ID, "council-result").text)
        self.close("council")
        d.get(PAGE + "2022-07-15")
        self.upload("decision")
        d.find_element(By.CSS_SELECTOR, "form.workflow-step [name=decisionNumber]").send_keys("1234/QĐ-UBND")
        self.set_value("[name=decisionDate]", "2022-07-15")
        d.find_element(By.CSS_SELECTOR, "form.workflow-step [name=signer]").send_keys("Võ Trọng Hải")
        self.assertIn("Đã công nhận", self.workflow("recognise"))
        d.get(PAGE + "2022-07-20")
        self.close("announcement")
        self.assertIn("Đã xong bước", d.find_element(By.ID, "flash").text)

        # Every step done, each with its day; the commune page shows the recognition.
        done = [row.find_elements(By.TAG_NAME, "td")[4].text for row in d.find_elements(By.CSS_SELECTOR, "#procedure-steps tbody tr")]
        self.assertEqual(len(done), 9)
        self.assertTrue(all(done), done)
        self.assertIn("Võ Trọng Hải", d.find_element(By.TAG_NAME, "main").text)
        self.assertTrue(all("422" in message for message in severe_console_errors(d)))
