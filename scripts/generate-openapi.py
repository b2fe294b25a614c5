"""Writes Resources/openapi.json, the API document the app serves (a test checks it covers every route)."""
import os
import json
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def ok(schema, desc="OK"): return {"description": desc, "content": {"application/json": {"schema": schema}}}
err = {"description": "Error", "content": {"application/json": {"schema": ref("Error")}}}
code = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}, "description": "Official unit code, e.g. 18850 (Xã Kỳ Lạc), 444 (Huyện Hương Khê)"}
date = {"name": "date", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "As of this day (YYYY-MM-DD): the latest record on or before it. Default: today."}
auth = [{"bearer": []}]
doc = {
 "openapi": "3.0.3",
 "info": {"title": "NTM API", "version": "1.0.0",
          "description": "New Rural Development (Nông thôn mới) programme: administrative units, criteria sets, assessments and scorecards. Money is integer đồng; dates are YYYY-MM-DD. Errors are {error, reason, field}. Writes need Authorization: Bearer <token> (401 without)."},
 "servers": [{"url": "/"}],
 "paths": {
  "/health": {"get": {"summary": "Database answers", "responses": {"200": ok({"type": "object", "properties": {"status": {"type": "string", "example": "ok"}}}), "503": err}}},
  "/api/v1/openapi.json": {"get": {"summary": "This document", "responses": {"200": ok({"type": "object"})}}},
  "/api/v1/units": {"get": {"summary": "Search units by name (diacritic- and case-insensitive) or list a parent's children",
     "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}, "example": "huong khe"},
                    {"name": "parent", "in": "query", "schema": {"type": "string"}},
                    {"name": "level", "in": "query", "schema": ref("Level")}, date,
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}}],
     "responses": {"200": ok({"type": "object", "properties": {"items": {"type": "array", "items": ref("Unit")}}}), "400": err}}},
  "/api/v1/units/{code}": {"get": {"summary": "One unit (the version in force on `date`; default: today's, else the latest)", "parameters": [code, date],
     "responses": {"200": ok(ref("Unit")), "404": err}}},
  "/api/v1/units/{code}/children": {"get": {"summary": "Units directly below, in force on `date`", "parameters": [code, date],
     "responses": {"200": ok({"type": "object", "properties": {"items": {"type": "array", "items": ref("Unit")}}}), "404": err}}},
  "/api/v1/units/{code}/scorecard": {"get": {"summary": "Criteria met, unmet and not assessed; for a district or province also its children and totalMet",
     "parameters": [code, date, {"name": "set", "in": "query", "schema": {"type": "string"}, "description": "Criteria set code; default: the set in force for the unit's level and province"}],
     "responses": {"200": ok(ref("Scorecard")), "400": err, "404": err, "422": err}}},
  "/api/v1/units/{code}/assessments": {
     "get": {"summary": "Every assessment of the unit, newest first, each scored by its own set", "parameters": [code],
             "responses": {"200": ok({"type": "array", "items": ref("HistoryEntry")}), "404": err}},
     "post": {"summary": "Record an assessment (indicator values and/or criterion declarations). Never overwrites: same unit, set and day → 409.",
              "security": auth, "parameters": [code],
              "requestBody": {"required": True, "content": {"application/json": {"schema": ref("AssessmentInput")}}},
              "responses": {"201": ok(ref("Scorecard"), "Created; the resulting scorecard"), "400": err, "401": err, "404": err, "409": err, "422": err}}},
  "/api/v1/units/{code}/recognitions": {
     "get": {"summary": "Recognition decisions of the unit (NTM standard, advanced, model)", "parameters": [code, date],
             "responses": {"200": ok({"type": "array", "items": ref("Recognition")}), "404": err}},
     "post": {"summary": "Record a recognition decision; only a decision makes a unit 'recognised' (20/20 alone is 'reached-standard')",
              "security": auth, "parameters": [code],
              "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Recognition")}}},
              "responses": {"201": ok(ref("Recognition")), "400": err, "401": err, "404": err, "409": err, "422": err}}},
  "/api/v1/units/{code}/villages": {"post": {"summary": "Add a village (thôn) to a commune", "security": auth, "parameters": [code, date],
     "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "code": {"type": "string"}}}}}},
     "responses": {"201": ok(ref("Unit")), "401": err, "409": err, "422": err}}},
  "/api/v1/villages/import": {"post": {"summary": "Import villages from CSV (columns commune_code,name[,code]); all rows or none", "security": auth, "parameters": [date],
     "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}},
     "responses": {"201": ok({"type": "object", "properties": {"items": {"type": "array", "items": ref("Unit")}}}), "401": err, "422": err}}},
  "/api/v1/criteria-sets": {"get": {"summary": "Loaded criteria sets", "responses": {"200": ok({"type": "array", "items": ref("CriteriaSetSummary")})}}},
  "/api/v1/criteria-sets/in-force": {"get": {"summary": "The set (resolved with its parents) that scores a unit on a day",
     "parameters": [{"name": "unit", "in": "query", "required": True, "schema": {"type": "string"}}, date],
     "responses": {"200": ok(ref("CriteriaSet")), "404": err}}},
  "/api/v1/criteria-sets/{code}": {
     "get": {"summary": "A set as written; with resolved=true, with its parents' criteria folded in",
             "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}},
                            {"name": "resolved", "in": "query", "schema": {"type": "boolean"}}],
             "responses": {"200": ok(ref("CriteriaSet")), "404": err}},
     "put": {"summary": "Load a new set or a new revision of one (a province's own set, edited thresholds)", "security": auth,
             "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
             "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CriteriaSet")}}},
             "responses": {"200": ok(ref("CriteriaSet")), "201": ok(ref("CriteriaSet")), "400": err, "401": err, "422": err}}},
 },
 "components": {
  "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
  "schemas": {
   "Error": {"type": "object", "required": ["error", "reason"], "properties": {"error": {"type": "boolean"}, "reason": {"type": "string"}, "field": {"type": "string"},
             "problems": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "reason": {"type": "string"}}}}}},
   "Level": {"type": "string", "enum": ["province", "district", "commune", "town", "ward", "village"]},
   "Unit": {"type": "object", "required": ["code", "name", "level"], "properties": {
       "code": {"type": "string"}, "name": {"type": "string"}, "level": ref("Level"), "type": {"type": "string"},
       "parentCode": {"type": "string", "nullable": True}, "provinceCode": {"type": "string"}, "region": {"type": "string", "nullable": True},
       "latitude": {"type": "number", "nullable": True}, "longitude": {"type": "number", "nullable": True},
       "validFrom": {"type": "string", "format": "date", "nullable": True}, "validTo": {"type": "string", "format": "date", "nullable": True}}},
   "CriterionRef": {"type": "object", "properties": {"number": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"}}},
   "Status": {"type": "string", "enum": ["met", "not-met", "not-assessed"]},
   "ScorecardLevel": {"type": "string", "enum": ["not-assessed", "building", "reached-standard", "recognised"]},
   "Scorecard": {"type": "object", "required": ["unit", "date", "met", "total", "unmet", "notAssessed", "level"], "properties": {
       "unit": ref("Unit"), "set": {"type": "object", "nullable": True, "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "verified": {"type": "boolean"}}},
       "date": {"type": "string", "format": "date"}, "assessedOn": {"type": "string", "format": "date", "nullable": True},
       "met": {"type": "integer"}, "total": {"type": "integer"},
       "unmet": {"type": "array", "items": ref("CriterionRef")}, "notAssessed": {"type": "array", "items": ref("CriterionRef")},
       "level": ref("ScorecardLevel"),
       "recognition": ref("Recognition"), "recognitionAtRisk": {"type": "boolean", "description": "Recognised, but the latest assessment misses a criterion"},
       "criteria": {"type": "array", "items": {"type": "object", "properties": {
           "number": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"}, "group": {"type": "string"},
           "status": ref("Status"), "basis": {"type": "string", "enum": ["indicators", "declaration", "partial-indicators", "none"]},
           "declarationContradicted": {"type": "boolean"},
           "indicators": {"type": "array", "items": {"type": "object", "properties": {
               "code": {"type": "string"}, "name": {"type": "string"}, "unit": {"type": "string"}, "kind": {"type": "string"},
               "value": {"oneOf": [{"type": "number"}, {"type": "boolean"}]}, "threshold": {"type": "number"}, "verified": {"type": "boolean"}, "status": ref("Status")}}}}}},
       "children": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "level": ref("Level"),
           "set": {"type": "string"}, "met": {"type": "integer"}, "total": {"type": "integer"}, "status": ref("ScorecardLevel")}}},
       "totalMet": {"type": "integer", "description": "Sum of the children's met"},
       "previous": {"type": "object", "properties": {"date": {"type": "string", "format": "date"}, "totalMet": {"type": "integer"}, "change": {"type": "integer"}}}}},
   "Recognition": {"type": "object", "required": ["grade", "decisionNumber", "date"], "properties": {
       "grade": {"type": "string", "enum": ["standard", "advanced", "model"]}, "decisionNumber": {"type": "string", "example": "1234/QĐ-UBND"},
       "date": {"type": "string", "format": "date"}, "note": {"type": "string"}, "source": {"type": "string"}}},
   "HistoryEntry": {"type": "object", "properties": {"date": {"type": "string", "format": "date"}, "set": {"type": "string"}, "met": {"type": "integer"},
       "total": {"type": "integer"}, "level": ref("ScorecardLevel"), "note": {"type": "string"}, "source": {"type": "string"}}},
   "AssessmentInput": {"type": "object", "required": ["date"], "properties": {
       "set": {"type": "string", "description": "Default: the set in force for the unit on `date`"},
       "date": {"type": "string", "format": "date"}, "note": {"type": "string"}, "source": {"type": "string"},
       "values": {"type": "array", "items": {"type": "object", "required": ["indicator", "value"], "properties": {
           "indicator": {"type": "string", "example": "2.1"}, "value": {"oneOf": [{"type": "number"}, {"type": "boolean"}]},
           "note": {"type": "string"}, "evidence": {"type": "string"}}}},
       "declarations": {"type": "array", "items": {"type": "object", "required": ["criterion", "met"], "properties": {
           "criterion": {"type": "integer"}, "met": {"type": "boolean"}, "note": {"type": "string"}}}}}},
   "CriteriaSetSummary": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "level": ref("Level"),
       "grade": {"type": "string"}, "decision": {"type": "string"}, "effectiveFrom": {"type": "string"}, "effectiveTo": {"type": "string"},
       "province": {"type": "string"}, "extends": {"type": "string"}, "verified": {"type": "boolean"}, "criteriaCount": {"type": "integer"}, "revision": {"type": "integer"}}},
   "CriteriaSet": {"type": "object", "required": ["code", "name", "level"], "properties": {
       "code": {"type": "string"}, "name": {"type": "object", "properties": {"vi": {"type": "string"}, "en": {"type": "string"}}},
       "level": ref("Level"), "grade": {"type": "string", "enum": ["standard", "advanced", "model"]},
       "decision": {"type": "string"}, "decisionDate": {"type": "string", "format": "date"},
       "effective": {"type": "object", "properties": {"from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"}}},
       "province": {"type": "string"}, "extends": {"type": "string"}, "verified": {"type": "boolean"}, "notes": {"type": "string"},
       "groups": {"type": "array", "items": {"type": "object"}},
       "criteria": {"type": "array", "items": {"type": "object", "properties": {"number": {"type": "integer"}, "code": {"type": "string"},
           "name": {"type": "object"}, "group": {"type": "string"}, "section": {"type": "string"},
           "indicators": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "object"}, "unit": {"type": "string"},
               "kind": {"type": "string", "enum": ["yesNo", "atLeast", "atMost", "percentAtLeast", "percentAtMost"]},
               "thresholds": {"type": "array", "items": {"type": "object", "properties": {"region": {"type": "string"}, "year": {"type": "integer"}, "value": {"type": "number"}}}},
               "verified": {"type": "boolean"}}}}}}}}},
  }}}
with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Resources/openapi.json"), "w") as f:
    json.dump(doc, f, ensure_ascii=False, indent=1); f.write("\n")
