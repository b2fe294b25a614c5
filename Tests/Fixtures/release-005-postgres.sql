--
-- PostgreSQL database dump
--

\restrict bWxakSlN3RqSYyyr1UlYJlfIOOV4OI8Wu6FPMsN2BYdSo1b56x2OunKCn9hwaGj

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: public; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA public;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: _fluent_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public._fluent_migrations (
    id uuid NOT NULL,
    name text NOT NULL,
    batch bigint NOT NULL,
    created_at timestamp with time zone,
    updated_at timestamp with time zone
);


--
-- Name: _fluent_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public._fluent_sessions (
    id uuid NOT NULL,
    key text NOT NULL,
    data jsonb NOT NULL
);


--
-- Name: admin_unit_closure; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_unit_closure (
    ancestor_id uuid NOT NULL,
    descendant_id uuid NOT NULL,
    depth bigint NOT NULL
);


--
-- Name: admin_units; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_units (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    code text NOT NULL,
    parent_id uuid,
    province_code text NOT NULL,
    valid_from text,
    valid_to text,
    source text NOT NULL,
    name text NOT NULL,
    level text NOT NULL,
    official_type text NOT NULL,
    search_key text NOT NULL,
    region text,
    latitude double precision,
    longitude double precision,
    area_km2 double precision
);


--
-- Name: api_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_tokens (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    name text NOT NULL,
    user_id uuid NOT NULL,
    token_hash text NOT NULL,
    revoked_at timestamp with time zone
);


--
-- Name: assessment_declarations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assessment_declarations (
    id uuid NOT NULL,
    assessment_id uuid NOT NULL,
    criterion_number bigint NOT NULL,
    met boolean NOT NULL,
    note text,
    applicable boolean
);


--
-- Name: assessment_values; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assessment_values (
    id uuid NOT NULL,
    assessment_id uuid NOT NULL,
    indicator_code text NOT NULL,
    number_value double precision,
    flag_value boolean,
    note text,
    evidence text
);


--
-- Name: assessments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assessments (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    unit_id uuid NOT NULL,
    set_code text NOT NULL,
    as_of text NOT NULL,
    note text,
    source text,
    version bigint NOT NULL,
    updated_by text
);


--
-- Name: audit_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_events (
    id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_id uuid,
    actor_name text NOT NULL,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id text NOT NULL,
    unit_code text,
    old_value text,
    new_value text,
    address text
);


--
-- Name: commune_groups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.commune_groups (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    unit_id uuid NOT NULL,
    group_code text NOT NULL,
    valid_from text NOT NULL,
    valid_to text,
    decision text,
    source text NOT NULL
);


--
-- Name: criteria_sets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.criteria_sets (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    revision bigint NOT NULL,
    code text NOT NULL,
    level text NOT NULL,
    province_code text,
    extends_code text,
    effective_from text,
    effective_to text,
    definition text NOT NULL
);


--
-- Name: dossier_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dossier_events (
    id uuid NOT NULL,
    dossier_id uuid NOT NULL,
    step text NOT NULL,
    from_state text,
    to_state text NOT NULL,
    actor_name text NOT NULL,
    at timestamp with time zone NOT NULL,
    note text,
    decision_number text,
    decision_date text
);


--
-- Name: dossiers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dossiers (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    version bigint NOT NULL,
    unit_id uuid NOT NULL,
    assessment_id uuid NOT NULL,
    grade text NOT NULL,
    state text NOT NULL
);


--
-- Name: evidence_files; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.evidence_files (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    unit_id uuid NOT NULL,
    indicator_code text,
    original_name text NOT NULL,
    content_type text NOT NULL,
    byte_count bigint NOT NULL,
    note text,
    uploaded_by text NOT NULL
);


--
-- Name: funding_amounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.funding_amounts (
    id uuid NOT NULL,
    need_id uuid NOT NULL,
    source text NOT NULL,
    amount bigint NOT NULL
);


--
-- Name: funding_needs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.funding_needs (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    unit_id uuid NOT NULL,
    criterion_number bigint NOT NULL,
    indicator_code text,
    work_item text,
    as_of text NOT NULL,
    need bigint NOT NULL,
    note text
);


--
-- Name: household_models; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.household_models (
    id uuid NOT NULL,
    unit_id uuid NOT NULL,
    year bigint NOT NULL,
    kind text NOT NULL,
    band text NOT NULL,
    count bigint NOT NULL,
    new_count bigint NOT NULL
);


--
-- Name: login_failures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_failures (
    id uuid NOT NULL,
    username text NOT NULL,
    address text NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: merger_recognition_rules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.merger_recognition_rules (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    province_code text NOT NULL,
    valid_from text NOT NULL,
    rule text NOT NULL,
    decision text,
    source text NOT NULL
);


--
-- Name: ocop_products; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ocop_products (
    id uuid NOT NULL,
    unit_id uuid NOT NULL,
    name text NOT NULL,
    product_group text NOT NULL,
    producer text NOT NULL,
    producer_kind text NOT NULL,
    stars bigint NOT NULL,
    rating_level text NOT NULL,
    certificate text NOT NULL,
    certified_on text NOT NULL,
    expires_on text NOT NULL
);


--
-- Name: organisations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.organisations (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    name text NOT NULL,
    kind text NOT NULL,
    contact text
);


--
-- Name: plan_tasks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plan_tasks (
    id uuid NOT NULL,
    plan_id uuid NOT NULL,
    "position" bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    criterion_number bigint,
    indicator_code text,
    responsible_person text,
    responsible_unit text,
    duration bigint NOT NULL,
    predecessors text NOT NULL,
    planned_cost bigint,
    actual_start text,
    actual_finish text,
    percent_done bigint NOT NULL
);


--
-- Name: plans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plans (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    version bigint NOT NULL,
    updated_by text,
    unit_id uuid NOT NULL,
    name text NOT NULL,
    start_date text NOT NULL,
    target_date text NOT NULL,
    calendar text NOT NULL,
    status text NOT NULL
);


--
-- Name: read_model_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.read_model_version (
    id bigint NOT NULL,
    version bigint NOT NULL,
    token text NOT NULL
);


--
-- Name: recognitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.recognitions (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    unit_id uuid NOT NULL,
    grade text NOT NULL,
    decision_number text NOT NULL,
    decided_on text NOT NULL,
    revoked_on text,
    note text,
    source text,
    result_year bigint,
    basis text
);


--
-- Name: scorecards; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scorecards (
    unit_id uuid NOT NULL,
    set_code text NOT NULL,
    valid_from text NOT NULL,
    assessed_on text,
    met bigint NOT NULL,
    total bigint NOT NULL,
    unmet text NOT NULL,
    not_assessed text NOT NULL,
    not_applicable text NOT NULL,
    level text NOT NULL
);


--
-- Name: socio_targets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.socio_targets (
    id uuid NOT NULL,
    updated_at timestamp with time zone,
    unit_id uuid NOT NULL,
    year bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    unit_label text,
    direction text NOT NULL,
    plan double precision NOT NULL,
    actual double precision,
    linked_indicator text
);


--
-- Name: sponsor_activities; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sponsor_activities (
    id uuid NOT NULL,
    assignment_id uuid NOT NULL,
    date text NOT NULL,
    description text NOT NULL,
    criterion_number bigint,
    amount bigint NOT NULL
);


--
-- Name: sponsor_assignments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sponsor_assignments (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    organisation_id uuid NOT NULL,
    unit_id uuid NOT NULL,
    criteria text NOT NULL,
    decision_number text NOT NULL,
    decision_date text NOT NULL,
    agreement_due text NOT NULL,
    agreement_signed text,
    pledged_money bigint NOT NULL,
    pledged_in_kind text
);


--
-- Name: sponsor_evaluations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sponsor_evaluations (
    id uuid NOT NULL,
    assignment_id uuid NOT NULL,
    period text NOT NULL,
    rating text NOT NULL,
    note text,
    evaluated_by text NOT NULL
);


--
-- Name: system_facts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.system_facts (
    id uuid NOT NULL,
    key text NOT NULL,
    value text NOT NULL
);


--
-- Name: unit_lineage; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.unit_lineage (
    id uuid NOT NULL,
    predecessor_id uuid NOT NULL,
    successor_id uuid NOT NULL,
    effective text NOT NULL,
    relation text NOT NULL,
    source text NOT NULL
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    scope_unit_id uuid,
    username text NOT NULL,
    display_name text NOT NULL,
    password_hash text NOT NULL,
    role text NOT NULL,
    organisation text,
    is_active boolean NOT NULL,
    scope_includes_predecessors boolean DEFAULT false NOT NULL
);


--
-- Name: what_if_scenarios; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.what_if_scenarios (
    id uuid NOT NULL,
    created_at timestamp with time zone,
    unit_id uuid NOT NULL,
    name text NOT NULL,
    as_of text NOT NULL,
    target text NOT NULL,
    changes text NOT NULL,
    amount bigint,
    created_by text NOT NULL
);


--
-- Data for Name: _fluent_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public._fluent_migrations VALUES ('f43de626-92aa-457e-96f6-178ae0fbb8d3', 'App.CreateAdminUnits', 1, '2026-11-26 03:39:30.244939+00', '2026-11-26 03:39:30.244939+00');
INSERT INTO public._fluent_migrations VALUES ('de3cc62e-3e29-487b-8d1b-df5945c42af7', 'App.CreateCriteriaSets', 1, '2026-11-26 03:39:30.25235+00', '2026-11-26 03:39:30.25235+00');
INSERT INTO public._fluent_migrations VALUES ('99a8b7fb-5187-4284-9570-670722e99ac5', 'App.CreateAssessments', 1, '2026-11-26 03:39:30.273857+00', '2026-11-26 03:39:30.273857+00');
INSERT INTO public._fluent_migrations VALUES ('5279613c-3cfc-4a2a-9bb2-40575a0e168a', 'App.CreateApiTokensAndFacts', 1, '2026-11-26 03:39:30.288164+00', '2026-11-26 03:39:30.288164+00');
INSERT INTO public._fluent_migrations VALUES ('ccba827a-05f1-42c9-895b-f0165118c87b', 'App.CreateRecognitions', 1, '2026-11-26 03:39:30.293623+00', '2026-11-26 03:39:30.293623+00');
INSERT INTO public._fluent_migrations VALUES ('be35e77e-0932-4767-85d0-22cadd20869c', 'App.CreateUsersAndAudit', 1, '2026-11-26 03:39:30.306635+00', '2026-11-26 03:39:30.306635+00');
INSERT INTO public._fluent_migrations VALUES ('8dc62761-51bd-4d89-9822-d9fcdb164e12', 'App.CreateDossiers', 1, '2026-11-26 03:39:30.313906+00', '2026-11-26 03:39:30.313906+00');
INSERT INTO public._fluent_migrations VALUES ('4dcc1b93-c602-4e89-9d00-96af12f5ddae', 'Fluent.SessionRecord.Create', 1, '2026-11-26 03:39:30.31924+00', '2026-11-26 03:39:30.31924+00');
INSERT INTO public._fluent_migrations VALUES ('49695b6b-8cca-41bf-8eb3-ff049c642fa5', 'App.CreatePlans', 1, '2026-11-26 03:39:30.328384+00', '2026-11-26 03:39:30.328384+00');
INSERT INTO public._fluent_migrations VALUES ('8675c270-002f-4511-b4c1-4fbdf35f3f6a', 'App.CreateFunding', 1, '2026-11-26 03:39:30.338449+00', '2026-11-26 03:39:30.338449+00');
INSERT INTO public._fluent_migrations VALUES ('a69f2099-57c9-476e-9872-145517d99318', 'App.CreateSponsors', 1, '2026-11-26 03:39:30.352512+00', '2026-11-26 03:39:30.352512+00');
INSERT INTO public._fluent_migrations VALUES ('5110a116-b007-47e5-abdf-fc1cdcb0360d', 'App.CreateStatistics', 1, '2026-11-26 03:39:30.366768+00', '2026-11-26 03:39:30.366768+00');
INSERT INTO public._fluent_migrations VALUES ('9f317842-fd8c-40d5-b9d9-b6118cf76ec9', 'App.CreateReadModelVersion', 1, '2026-11-26 03:39:30.371956+00', '2026-11-26 03:39:30.371956+00');
INSERT INTO public._fluent_migrations VALUES ('0cb08b2c-a484-4755-8df9-dbdf1f916ecf', 'App.CreateUnitClosure', 1, '2026-11-26 03:39:30.386096+00', '2026-11-26 03:39:30.386096+00');
INSERT INTO public._fluent_migrations VALUES ('20c5ce98-2411-4427-b312-73ca6cd3564b', 'App.AddNationalRoot', 1, '2026-11-26 03:39:30.405422+00', '2026-11-26 03:39:30.405422+00');
INSERT INTO public._fluent_migrations VALUES ('8ad905e7-230e-49a1-addb-ca6e86f2e1e3', 'App.CreateScorecardReadModel', 1, '2026-11-26 03:39:30.418766+00', '2026-11-26 03:39:30.418766+00');
INSERT INTO public._fluent_migrations VALUES ('609d4901-c5ec-4ec4-af2b-074ebf7f7647', 'App.CreateUnitLineage', 1, '2026-11-26 03:39:30.426949+00', '2026-11-26 03:39:30.426949+00');
INSERT INTO public._fluent_migrations VALUES ('fe49f63f-9bdc-41e9-9316-2e2179f33c13', 'App.AddRecognitionResultYear', 1, '2026-11-26 03:39:30.429801+00', '2026-11-26 03:39:30.429801+00');
INSERT INTO public._fluent_migrations VALUES ('f758f93e-536d-47aa-96d7-3e2056956f42', 'App.AddUserScopeLineage', 1, '2026-11-26 03:39:30.433299+00', '2026-11-26 03:39:30.433299+00');
INSERT INTO public._fluent_migrations VALUES ('af61b1d6-d5b7-488e-9310-9563ab05ae22', 'App.CreateCommuneGroups', 1, '2026-11-26 03:39:30.438809+00', '2026-11-26 03:39:30.438809+00');
INSERT INTO public._fluent_migrations VALUES ('3809c497-dd12-4529-9a11-efb537b6d2f3', 'App.CreateMergerRecognitionRules', 1, '2026-11-26 03:39:30.443623+00', '2026-11-26 03:39:30.443623+00');
INSERT INTO public._fluent_migrations VALUES ('558151ab-536d-42e3-95fb-c0794103ca36', 'App.AddRecognitionBasis', 1, '2026-11-26 03:39:30.446193+00', '2026-11-26 03:39:30.446193+00');
INSERT INTO public._fluent_migrations VALUES ('26bf2c1f-ea33-40cc-8059-b40a194d68c2', 'App.AddDeclarationApplicable', 1, '2026-11-26 03:39:30.448461+00', '2026-11-26 03:39:30.448461+00');
INSERT INTO public._fluent_migrations VALUES ('6700d554-6375-48f5-9064-7aacf17ddf88', 'App.CreateEvidenceFiles', 1, '2026-11-26 03:39:30.454555+00', '2026-11-26 03:39:30.454555+00');
INSERT INTO public._fluent_migrations VALUES ('06ad965a-db9a-4fa1-a04a-dd5c58e0b85e', 'App.CreateWhatIfScenarios', 1, '2026-11-26 03:39:30.461128+00', '2026-11-26 03:39:30.461128+00');


--
-- Data for Name: _fluent_sessions; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: admin_unit_closure; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.admin_unit_closure VALUES ('e32be04d-a0f1-4a84-9d72-620c200199ac', 'e32be04d-a0f1-4a84-9d72-620c200199ac', 0);


--
-- Data for Name: admin_units; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.admin_units VALUES ('e32be04d-a0f1-4a84-9d72-620c200199ac', '2026-11-26 03:39:30.392766+00', '2026-11-26 03:39:30.392766+00', 'VN', NULL, '', NULL, NULL, 'ntm', 'Việt Nam', 'country', 'Quốc gia', 'viet nam', NULL, NULL, NULL, NULL);
INSERT INTO public.admin_units VALUES ('8e1bd1f2-0606-4d86-939a-0483ca6954f8', NULL, NULL, '18523', NULL, '42', NULL, NULL, 'fixture', 'Xã Hương Bình', 'commune', 'Xã', 'huong binh', 'mountain', NULL, NULL, NULL);


--
-- Data for Name: api_tokens; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: assessment_declarations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.assessment_declarations VALUES ('3dc5ed67-f1a2-42f8-a540-cfacf8d88efc', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 1, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('6ee3c139-8f06-4fa0-b5b4-8a5d8bffa68b', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 2, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('65abf47f-e79d-4f92-b1c3-3aa92c9d17e8', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 3, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('68c5f093-d566-4d89-b633-8fb32e82a1bf', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 4, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('dfec86bd-01ae-4ecd-9f69-7e272b0bcf26', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 5, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('2595b40b-4efa-4f67-93a8-ed799d197db1', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 6, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('93e72455-8e07-41b2-a63f-35abb3200b64', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 7, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('a45af6df-6930-4d48-8e1c-a267883c3273', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 8, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('5b4c0058-76f9-4d6a-8fe6-3f720f039b7c', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 9, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('cb0456fa-a34a-4479-bd5d-664ce9eac807', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 10, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('628fc74e-5b20-4614-9b10-f42431837632', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 11, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('a1b725c5-c353-419d-ba88-a8246b6064c9', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 12, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('47faff3d-7dd8-434b-84b3-e82d7e6d6a17', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 13, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('16ba593f-9329-4bf2-88aa-39be923f75f5', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 14, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('e14fd165-5cf8-427a-849b-025ffa46513e', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 15, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('6c6ec0ba-d8ea-45a5-a763-cc066feeb109', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 16, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('a17196ed-6329-44bc-8e4a-21439b310220', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 17, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('8b7bd755-7b1a-408c-9011-ad0b7735f14a', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 18, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('e5d9b8b3-66d9-4e2a-8d07-1e292496cefd', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 19, true, NULL, NULL);
INSERT INTO public.assessment_declarations VALUES ('29ab680f-2eb4-4fa3-b728-795906d119fd', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', 20, true, NULL, NULL);


--
-- Data for Name: assessment_values; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.assessment_values VALUES ('0a36baa9-ddff-4265-bee7-b5cd0fe64d04', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', '2.1', 100, NULL, NULL, NULL);
INSERT INTO public.assessment_values VALUES ('58571def-447c-422f-94f4-ab74a8b1987b', 'a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', '1.1', NULL, true, NULL, NULL);


--
-- Data for Name: assessments; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.assessments VALUES ('a11fd9d8-11eb-4b20-bb58-5e3add8b9efe', NULL, NULL, '8e1bd1f2-0606-4d86-939a-0483ca6954f8', 'ha-tinh-xa-ntm-318', '2022-04-26', 'fixture', 'Báo cáo 26/4/2022', 1, 'cli');


--
-- Data for Name: audit_events; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: commune_groups; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: criteria_sets; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: dossier_events; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: dossiers; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: evidence_files; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: funding_amounts; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: funding_needs; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: household_models; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: login_failures; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: merger_recognition_rules; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: ocop_products; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: organisations; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: plan_tasks; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: plans; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: read_model_version; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.read_model_version VALUES (1, 5, '67A76EBC-9C36-4D12-8A80-AFCAC88F50C7');


--
-- Data for Name: recognitions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.recognitions VALUES ('c662a017-b50b-403f-a6b6-b3b3b074a2df', NULL, '8e1bd1f2-0606-4d86-939a-0483ca6954f8', 'standard', '1234/QĐ-UBND', '2022-06-15', NULL, NULL, 'fixture', 2022, NULL);


--
-- Data for Name: scorecards; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: socio_targets; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: sponsor_activities; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: sponsor_assignments; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: sponsor_evaluations; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: system_facts; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: unit_lineage; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: what_if_scenarios; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Name: _fluent_migrations _fluent_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._fluent_migrations
    ADD CONSTRAINT _fluent_migrations_pkey PRIMARY KEY (id);


--
-- Name: _fluent_sessions _fluent_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._fluent_sessions
    ADD CONSTRAINT _fluent_sessions_pkey PRIMARY KEY (id);


--
-- Name: admin_units admin_units_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_units
    ADD CONSTRAINT admin_units_pkey PRIMARY KEY (id);


--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);


--
-- Name: assessment_declarations assessment_declarations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_declarations
    ADD CONSTRAINT assessment_declarations_pkey PRIMARY KEY (id);


--
-- Name: assessment_values assessment_values_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_values
    ADD CONSTRAINT assessment_values_pkey PRIMARY KEY (id);


--
-- Name: assessments assessments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessments
    ADD CONSTRAINT assessments_pkey PRIMARY KEY (id);


--
-- Name: audit_events audit_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id);


--
-- Name: commune_groups commune_groups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.commune_groups
    ADD CONSTRAINT commune_groups_pkey PRIMARY KEY (id);


--
-- Name: criteria_sets criteria_sets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.criteria_sets
    ADD CONSTRAINT criteria_sets_pkey PRIMARY KEY (id);


--
-- Name: dossier_events dossier_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dossier_events
    ADD CONSTRAINT dossier_events_pkey PRIMARY KEY (id);


--
-- Name: dossiers dossiers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dossiers
    ADD CONSTRAINT dossiers_pkey PRIMARY KEY (id);


--
-- Name: evidence_files evidence_files_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evidence_files
    ADD CONSTRAINT evidence_files_pkey PRIMARY KEY (id);


--
-- Name: funding_amounts funding_amounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.funding_amounts
    ADD CONSTRAINT funding_amounts_pkey PRIMARY KEY (id);


--
-- Name: funding_needs funding_needs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.funding_needs
    ADD CONSTRAINT funding_needs_pkey PRIMARY KEY (id);


--
-- Name: household_models household_models_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_models
    ADD CONSTRAINT household_models_pkey PRIMARY KEY (id);


--
-- Name: login_failures login_failures_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_failures
    ADD CONSTRAINT login_failures_pkey PRIMARY KEY (id);


--
-- Name: merger_recognition_rules merger_recognition_rules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.merger_recognition_rules
    ADD CONSTRAINT merger_recognition_rules_pkey PRIMARY KEY (id);


--
-- Name: ocop_products ocop_products_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocop_products
    ADD CONSTRAINT ocop_products_pkey PRIMARY KEY (id);


--
-- Name: organisations organisations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organisations
    ADD CONSTRAINT organisations_pkey PRIMARY KEY (id);


--
-- Name: plan_tasks plan_tasks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_tasks
    ADD CONSTRAINT plan_tasks_pkey PRIMARY KEY (id);


--
-- Name: plans plans_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plans
    ADD CONSTRAINT plans_pkey PRIMARY KEY (id);


--
-- Name: recognitions recognitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recognitions
    ADD CONSTRAINT recognitions_pkey PRIMARY KEY (id);


--
-- Name: socio_targets socio_targets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.socio_targets
    ADD CONSTRAINT socio_targets_pkey PRIMARY KEY (id);


--
-- Name: sponsor_activities sponsor_activities_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sponsor_activities
    ADD CONSTRAINT sponsor_activities_pkey PRIMARY KEY (id);


--
-- Name: sponsor_assignments sponsor_assignments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sponsor_assignments
    ADD CONSTRAINT sponsor_assignments_pkey PRIMARY KEY (id);


--
-- Name: sponsor_evaluations sponsor_evaluations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sponsor_evaluations
    ADD CONSTRAINT sponsor_evaluations_pkey PRIMARY KEY (id);


--
-- Name: system_facts system_facts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.system_facts
    ADD CONSTRAINT system_facts_pkey PRIMARY KEY (id);


--
-- Name: unit_lineage unit_lineage_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unit_lineage
    ADD CONSTRAINT unit_lineage_pkey PRIMARY KEY (id);


--
-- Name: _fluent_migrations uq:_fluent_migrations.name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._fluent_migrations
    ADD CONSTRAINT "uq:_fluent_migrations.name" UNIQUE (name);


--
-- Name: _fluent_sessions uq:_fluent_sessions.key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._fluent_sessions
    ADD CONSTRAINT "uq:_fluent_sessions.key" UNIQUE (key);


--
-- Name: admin_unit_closure uq:admin_unit_closure.ancestor_id+admin_unit_closure.descendant; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_closure
    ADD CONSTRAINT "uq:admin_unit_closure.ancestor_id+admin_unit_closure.descendant" UNIQUE (ancestor_id, descendant_id);


--
-- Name: admin_units uq:admin_units.code+admin_units.level+admin_units.valid_from+ad; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_units
    ADD CONSTRAINT "uq:admin_units.code+admin_units.level+admin_units.valid_from+ad" UNIQUE (code, level, valid_from, parent_id);


--
-- Name: api_tokens uq:api_tokens.token_hash; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT "uq:api_tokens.token_hash" UNIQUE (token_hash);


--
-- Name: assessment_declarations uq:assessment_declarations.assessment_id+assessment_declaration; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_declarations
    ADD CONSTRAINT "uq:assessment_declarations.assessment_id+assessment_declaration" UNIQUE (assessment_id, criterion_number);


--
-- Name: assessment_values uq:assessment_values.assessment_id+assessment_values.indicator_; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_values
    ADD CONSTRAINT "uq:assessment_values.assessment_id+assessment_values.indicator_" UNIQUE (assessment_id, indicator_code);


--
-- Name: assessments uq:assessments.unit_id+assessments.set_code+assessments.as_of; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessments
    ADD CONSTRAINT "uq:assessments.unit_id+assessments.set_code+assessments.as_of" UNIQUE (unit_id, set_code, as_of);


--
-- Name: commune_groups uq:commune_groups.unit_id+commune_groups.valid_from; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.commune_groups
    ADD CONSTRAINT "uq:commune_groups.unit_id+commune_groups.valid_from" UNIQUE (unit_id, valid_from);


--
-- Name: criteria_sets uq:criteria_sets.code; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.criteria_sets
    ADD CONSTRAINT "uq:criteria_sets.code" UNIQUE (code);


--
-- Name: household_models uq:household_models.unit_id+household_models.year+household_mod; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_models
    ADD CONSTRAINT "uq:household_models.unit_id+household_models.year+household_mod" UNIQUE (unit_id, year, kind, band);


--
-- Name: merger_recognition_rules uq:merger_recognition_rules.province_code+merger_recognition_ru; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.merger_recognition_rules
    ADD CONSTRAINT "uq:merger_recognition_rules.province_code+merger_recognition_ru" UNIQUE (province_code, valid_from);


--
-- Name: organisations uq:organisations.name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organisations
    ADD CONSTRAINT "uq:organisations.name" UNIQUE (name);


--
-- Name: plan_tasks uq:plan_tasks.plan_id+plan_tasks.code; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_tasks
    ADD CONSTRAINT "uq:plan_tasks.plan_id+plan_tasks.code" UNIQUE (plan_id, code);


--
-- Name: read_model_version uq:read_model_version.id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.read_model_version
    ADD CONSTRAINT "uq:read_model_version.id" UNIQUE (id);


--
-- Name: recognitions uq:recognitions.unit_id+recognitions.grade+recognitions.decided; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recognitions
    ADD CONSTRAINT "uq:recognitions.unit_id+recognitions.grade+recognitions.decided" UNIQUE (unit_id, grade, decided_on);


--
-- Name: scorecards uq:scorecards.unit_id+scorecards.set_code+scorecards.valid_from; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scorecards
    ADD CONSTRAINT "uq:scorecards.unit_id+scorecards.set_code+scorecards.valid_from" UNIQUE (unit_id, set_code, valid_from);


--
-- Name: socio_targets uq:socio_targets.unit_id+socio_targets.year+socio_targets.code; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.socio_targets
    ADD CONSTRAINT "uq:socio_targets.unit_id+socio_targets.year+socio_targets.code" UNIQUE (unit_id, year, code);


--
-- Name: system_facts uq:system_facts.key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.system_facts
    ADD CONSTRAINT "uq:system_facts.key" UNIQUE (key);


--
-- Name: unit_lineage uq:unit_lineage.predecessor_id+unit_lineage.successor_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unit_lineage
    ADD CONSTRAINT "uq:unit_lineage.predecessor_id+unit_lineage.successor_id" UNIQUE (predecessor_id, successor_id);


--
-- Name: users uq:users.username; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT "uq:users.username" UNIQUE (username);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: what_if_scenarios what_if_scenarios_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.what_if_scenarios
    ADD CONSTRAINT what_if_scenarios_pkey PRIMARY KEY (id);


--
-- Name: admin_units_code; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_units_code ON public.admin_units USING btree (code);


--
-- Name: admin_units_parent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_units_parent ON public.admin_units USING btree (parent_id);


--
-- Name: admin_units_search; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_units_search ON public.admin_units USING btree (search_key);


--
-- Name: assessments_unit_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assessments_unit_date ON public.assessments USING btree (unit_id, as_of);


--
-- Name: audit_events_unit; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_events_unit ON public.audit_events USING btree (unit_code, at);


--
-- Name: evidence_files_unit; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX evidence_files_unit ON public.evidence_files USING btree (unit_id);


--
-- Name: funding_needs_unit_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX funding_needs_unit_date ON public.funding_needs USING btree (unit_id, as_of);


--
-- Name: login_failures_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_failures_at ON public.login_failures USING btree (at);


--
-- Name: unit_closure_descendant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX unit_closure_descendant ON public.admin_unit_closure USING btree (descendant_id, depth);


--
-- Name: unit_lineage_successor; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX unit_lineage_successor ON public.unit_lineage USING btree (successor_id);


--
-- Name: what_if_scenarios_unit; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX what_if_scenarios_unit ON public.what_if_scenarios USING btree (unit_id);


--
-- Name: admin_unit_closure admin_unit_closure_ancestor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_closure
    ADD CONSTRAINT admin_unit_closure_ancestor_id_fkey FOREIGN KEY (ancestor_id) REFERENCES public.admin_units(id) ON DELETE CASCADE;


--
-- Name: admin_unit_closure admin_unit_closure_descendant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_closure
    ADD CONSTRAINT admin_unit_closure_descendant_id_fkey FOREIGN KEY (descendant_id) REFERENCES public.admin_units(id) ON DELETE CASCADE;


--
-- Name: admin_units admin_units_parent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_units
    ADD CONSTRAINT admin_units_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.admin_units(id);


--
-- Name: assessment_declarations assessment_declarations_assessment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_declarations
    ADD CONSTRAINT assessment_declarations_assessment_id_fkey FOREIGN KEY (assessment_id) REFERENCES public.assessments(id) ON DELETE CASCADE;


--
-- Name: assessment_values assessment_values_assessment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_values
    ADD CONSTRAINT assessment_values_assessment_id_fkey FOREIGN KEY (assessment_id) REFERENCES public.assessments(id) ON DELETE CASCADE;


--
-- Name: assessments assessments_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessments
    ADD CONSTRAINT assessments_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id);


--
-- Name: commune_groups commune_groups_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.commune_groups
    ADD CONSTRAINT commune_groups_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id) ON DELETE CASCADE;


--
-- Name: dossier_events dossier_events_dossier_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dossier_events
    ADD CONSTRAINT dossier_events_dossier_id_fkey FOREIGN KEY (dossier_id) REFERENCES public.dossiers(id) ON DELETE CASCADE;


--
-- Name: dossiers dossiers_assessment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dossiers
    ADD CONSTRAINT dossiers_assessment_id_fkey FOREIGN KEY (assessment_id) REFERENCES public.assessments(id);


--
-- Name: dossiers dossiers_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dossiers
    ADD CONSTRAINT dossiers_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id);


--
-- Name: evidence_files evidence_files_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evidence_files
    ADD CONSTRAINT evidence_files_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id) ON DELETE CASCADE;


--
-- Name: funding_amounts funding_amounts_need_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.funding_amounts
    ADD CONSTRAINT funding_amounts_need_id_fkey FOREIGN KEY (need_id) REFERENCES public.funding_needs(id) ON DELETE CASCADE;


--
-- Name: funding_needs funding_needs_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.funding_needs
    ADD CONSTRAINT funding_needs_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id);


--
-- Name: household_models household_models_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_models
    ADD CONSTRAINT household_models_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id);


--
-- Name: ocop_products ocop_products_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocop_products
    ADD CONSTRAINT ocop_products_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id);


--
-- Name: plan_tasks plan_tasks_plan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_tasks
    ADD CONSTRAINT plan_tasks_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES public.plans(id) ON DELETE CASCADE;


--
-- Name: plans plans_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plans
    ADD CONSTRAINT plans_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id);


--
-- Name: recognitions recognitions_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recognitions
    ADD CONSTRAINT recognitions_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id);


--
-- Name: scorecards scorecards_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scorecards
    ADD CONSTRAINT scorecards_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id) ON DELETE CASCADE;


--
-- Name: socio_targets socio_targets_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.socio_targets
    ADD CONSTRAINT socio_targets_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id);


--
-- Name: sponsor_activities sponsor_activities_assignment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sponsor_activities
    ADD CONSTRAINT sponsor_activities_assignment_id_fkey FOREIGN KEY (assignment_id) REFERENCES public.sponsor_assignments(id) ON DELETE CASCADE;


--
-- Name: sponsor_assignments sponsor_assignments_organisation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sponsor_assignments
    ADD CONSTRAINT sponsor_assignments_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES public.organisations(id);


--
-- Name: sponsor_assignments sponsor_assignments_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sponsor_assignments
    ADD CONSTRAINT sponsor_assignments_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id);


--
-- Name: sponsor_evaluations sponsor_evaluations_assignment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sponsor_evaluations
    ADD CONSTRAINT sponsor_evaluations_assignment_id_fkey FOREIGN KEY (assignment_id) REFERENCES public.sponsor_assignments(id) ON DELETE CASCADE;


--
-- Name: unit_lineage unit_lineage_predecessor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unit_lineage
    ADD CONSTRAINT unit_lineage_predecessor_id_fkey FOREIGN KEY (predecessor_id) REFERENCES public.admin_units(id) ON DELETE CASCADE;


--
-- Name: unit_lineage unit_lineage_successor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unit_lineage
    ADD CONSTRAINT unit_lineage_successor_id_fkey FOREIGN KEY (successor_id) REFERENCES public.admin_units(id) ON DELETE CASCADE;


--
-- Name: users users_scope_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_scope_unit_id_fkey FOREIGN KEY (scope_unit_id) REFERENCES public.admin_units(id);


--
-- Name: what_if_scenarios what_if_scenarios_unit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.what_if_scenarios
    ADD CONSTRAINT what_if_scenarios_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.admin_units(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict bWxakSlN3RqSYyyr1UlYJlfIOOV4OI8Wu6FPMsN2BYdSo1b56x2OunKCn9hwaGj

