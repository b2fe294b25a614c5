"""The page forms of the API's writes in a real browser, and an accessibility pass (axe-core) over
every main page and form."""
import os
import re
import tempfile
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_pages import BASE, MAIN_PAGES, browser, sign_in

# Pages only a signed-in officer sees: forms among them.
SIGNED_IN_PAGES = [
    "/units/18523/assessment?date=2022-06-01",
    "/forms/funding-need?unit=18523&date=2022-04-26",
    "/forms/sponsor-assignment?unit=444&date=2022-04-26",
    "/forms/target?unit=444&date=2022-04-26",
    "/forms/ocop-product?unit=444&date=2022-04-26",
    "/forms/criteria-set?code=ha-tinh-xa-ntm-318",
    "/forms/user",
    "/accounts",
    "/audit",
]


def wait_for_new_page(driver, click):
    driver.execute_script("window.ntmOldPage = true")
    click()
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.ntmOldPage === undefined"))


def set_value(driver, name, value):
    """Date inputs take their value from script (typing depends on the browser's locale)."""
    element = driver.find_element(By.NAME, name)
    driver.execute_script("arguments[0].value = arguments[1]", element, value)


class ProvincialOfficeAssignsASponsor(unittest.TestCase):
    def setUp(self):
        self.driver = browser(390, 844)

    def tearDown(self):
        self.driver.quit()

    def test_mistake_kept_then_saved_from_the_sponsors_page(self):
        d = self.driver
        sign_in(d, "vpdp.hatinh", "ntm-tinh-demo")
        d.get(BASE + "/units/444/sponsors?date=2022-04-26")
        before = len(d.find_elements(By.CSS_SELECTOR, "#assignments tbody tr"))
        wait_for_new_page(d, lambda: d.find_element(By.LINK_TEXT, "Phân công đỡ đầu").click())
        self.assertIn("/forms/sponsor-assignment", d.current_url)
        self.assertLessEqual(d.execute_script("return document.documentElement.scrollWidth"), 391)
        Select(d.find_element(By.NAME, "unit")).select_by_value("18523")
        d.find_element(By.NAME, "criteria").send_keys("2, 5")
        set_value(d, "decisionDate", "2022-03-01")
        set_value(d, "agreementDue", "2022-04-01")
        d.find_element(By.NAME, "pledgedMoney").send_keys("500.000.000")
        # The decision number is left out: the form comes back with it named and everything else kept.
        wait_for_new_page(d, lambda: d.find_element(By.ID, "form-save").click())
        self.assertIn("Cần nhập số quyết định", d.find_element(By.ID, "f-decisionNumber-error").text)
        self.assertEqual(d.find_element(By.NAME, "criteria").get_attribute("value"), "2, 5")
        self.assertEqual(d.find_element(By.NAME, "pledgedMoney").get_attribute("value"), "500.000.000")
        self.assertEqual(Select(d.find_element(By.NAME, "unit")).first_selected_option.get_attribute("value"), "18523")
        d.find_element(By.NAME, "decisionNumber").send_keys("15/QĐ-UBND")
        wait_for_new_page(d, lambda: d.find_element(By.ID, "form-save").click())
        self.assertIn("/units/444/sponsors", d.current_url)
        self.assertIn("15/QĐ-UBND", d.find_element(By.ID, "flash").text)
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "#assignments tbody tr")), before + 1)


class FormsFitAPhone(unittest.TestCase):
    def setUp(self):
        self.driver = browser(390, 844)

    def tearDown(self):
        self.driver.quit()

    def test_signed_in_pages_fit_390px(self):
        d = self.driver
        sign_in(d, "admin", "ntm-admin-demo")
        overflowing = []
        for path in SIGNED_IN_PAGES + ["/units/18523?date=2022-04-26", "/units/444/sponsors?date=2022-04-26", "/units/42/map?date=2022-04-26"]:
            d.get(BASE + path)
            width = d.execute_script("return document.documentElement.scrollWidth")
            if width > 391:
                overflowing.append(f"{path}: {width}px")
        # A plan's own page (its address holds the plan's id): the Gantt chart scrolls inside its box.
        d.get(BASE + "/units/444/plans?date=2022-09-30")
        wait_for_new_page(d, lambda: d.find_element(By.CSS_SELECTOR, "a[href^='/plans/']").click())
        width = d.execute_script("return document.documentElement.scrollWidth")
        if width > 391:
            overflowing.append(f"{d.current_url}: {width}px")
        self.assertTrue(d.find_element(By.CSS_SELECTOR, "ul.gantt-legend").is_displayed())
        self.assertEqual(overflowing, [])


class Accessibility(unittest.TestCase):
    """axe-core over every main page, signed out and signed in: no serious or critical violation."""

    def setUp(self):
        self.driver = browser()

    def tearDown(self):
        self.driver.quit()

    def violations(self, paths):
        from axe_selenium_python import Axe
        found = []
        for path in paths:
            self.driver.get(BASE + path)
            axe = Axe(self.driver)
            axe.inject()
            for violation in axe.run()["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    found.append(f"{path}: {violation['id']} ({len(violation['nodes'])}) {violation['nodes'][0]['html'][:100]}")
        return found

    TABLE_CHECK = """
        const faults = [];
        document.querySelectorAll('table').forEach((table, k) => {
          const name = table.id || table.className || ('table ' + k);
          if (!table.querySelector('caption')) faults.push(name + ': no caption');
          const heads = table.querySelectorAll('thead th');
          if (heads.length == 0 && !table.querySelector('tbody th[scope=row]')) faults.push(name + ': no headers');
          heads.forEach(th => {
            if (!th.textContent.trim()) faults.push(name + ': a header without words');
            if (!th.getAttribute('scope')) faults.push(name + ': a header without scope');
          });
        });
        if (!document.querySelector('a.skip[href="#main"]') || !document.getElementById('main')) faults.push('no skip link');
        return [...new Set(faults)];"""

    def test_every_table_has_a_caption_and_headers(self):
        faults = []
        for path in MAIN_PAGES:
            self.driver.get(BASE + path)
            faults += [f"{path}: {fault}" for fault in self.driver.execute_script(self.TABLE_CHECK)]
        sign_in(self.driver, "admin", "ntm-admin-demo")
        for path in SIGNED_IN_PAGES + ["/units/18523?date=2022-04-26", "/units/444/plans?date=2022-09-30"]:
            self.driver.get(BASE + path)
            faults += [f"{path}: {fault}" for fault in self.driver.execute_script(self.TABLE_CHECK)]
        self.assertEqual(faults, [])

    def test_main_pages_signed_out(self):
        self.assertEqual(self.violations(MAIN_PAGES), [])

    def test_pages_and_forms_signed_in(self):
        sign_in(self.driver, "admin", "ntm-admin-demo")
        self.assertEqual(self.violations(SIGNED_IN_PAGES + ["/units/18523?date=2022-04-26", "/units/444/sponsors?date=2022-04-26"]), [])


class DestructiveStepsAskFirst(unittest.TestCase):
    def setUp(self):
        self.driver = browser(390, 844)

    def tearDown(self):
        self.driver.quit()

    def open_a_plan(self):
        d = self.driver
        sign_in(d, "huongkhe", "ntm-huyen-demo")
        d.get(BASE + "/units/444/plans?date=2022-09-30")
        wait_for_new_page(d, lambda: d.find_element(By.CSS_SELECTOR, "a[href^='/plans/']").click())
        return d.current_url, len(d.find_elements(By.CSS_SELECTOR, "table.tasks tbody tr"))

    def test_plan_task_delete_asks_and_going_back_keeps_it(self):
        d = self.driver
        plan, rows = self.open_a_plan()
        wait_for_new_page(d, lambda: d.find_element(By.CSS_SELECTOR, "table.tasks a.delete").click())
        self.assertIn("không khôi phục được", d.find_element(By.ID, "confirm").text)
        wait_for_new_page(d, lambda: d.find_element(By.ID, "confirm-cancel").click())
        self.assertEqual(d.current_url.split("#")[0], plan.split("#")[0])
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "table.tasks tbody tr")), rows)

    def test_replacing_every_task_from_a_file_asks_first(self):
        import urllib.request
        d = self.driver
        plan, rows = self.open_a_plan()
        csv_url = d.find_element(By.CSS_SELECTOR, "a[href*='tasks.csv']").get_attribute("href")
        folder = tempfile.mkdtemp()
        path = os.path.join(folder, "cong-viec.csv")
        with urllib.request.urlopen(csv_url) as response, open(path, "wb") as f:
            f.write(response.read())
        d.find_element(By.CSS_SELECTOR, "form[action$='/import'] input[type=file]").send_keys(path)
        wait_for_new_page(d, lambda: d.find_element(By.CSS_SELECTOR, "form[action$='/import'] button[type=submit]").click())
        self.assertIn("cong-viec.csv", d.find_element(By.ID, "confirm").text)
        wait_for_new_page(d, lambda: d.find_element(By.CSS_SELECTOR, "#confirm-form button").click())
        self.assertIn("Đã thay danh sách công việc", d.find_element(By.ID, "flash").text)
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "table.tasks tbody tr")), rows)


if __name__ == "__main__":
    unittest.main(verbosity=1)
