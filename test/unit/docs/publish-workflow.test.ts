import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * The publish workflow template (.github/workflows/publish.yml, see docs/publishing.md) is not run here: this
 * reads it as GitHub would and checks the jobs and steps the documentation promises.
 */
const ROOT = join(import.meta.dirname, "../../..");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  id?: string;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(join(ROOT, ".github/workflows/publish.yml"), "utf8"), {
  strict: true,
  uniqueKeys: true,
}) as Workflow;
const scripts = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;
const runs = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run] : []));
const uses = (job: Job) => job.steps.flatMap((step) => (step.uses ? [step.uses.split("@")[0]] : []));

describe("the publish workflow template", () => {
  it("runs on pull requests and on pushes to main", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["pull_request", "push"]));
    expect((workflow.on.push as { branches: string[] }).branches).toEqual(["main"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("checks the sheet with annotations on every pull request", () => {
    const check = workflow.jobs.check as Job;
    expect(check.if).toBeUndefined();
    expect(uses(check)).toEqual(["actions/checkout", "actions/setup-node"]);
    expect(runs(check)).toEqual(["npm ci", "npm run data:check -- --format github"]);
    expect(scripts["data:check"]).toBeDefined();
  });

  it("builds dist/ after the check, but not for a pull request", () => {
    const build = workflow.jobs.build as Job;
    expect(build.needs).toBe("check");
    expect(build.if).toBe("github.event_name != 'pull_request'");
    expect(runs(build)).toEqual(["npm ci", "npm run build"]);
    expect(scripts.build).toContain("data:build");
    const upload = build.steps.find((step) => step.uses?.startsWith("actions/upload-pages-artifact@"));
    expect(upload?.with).toEqual({ path: "dist" });
  });

  it("deploys the built site to GitHub Pages with only the permissions that needs", () => {
    const deploy = workflow.jobs.deploy as Job;
    expect(deploy.needs).toBe("build");
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(uses(deploy)).toEqual(["actions/deploy-pages"]);
  });

  it("pins every action to a major version", () => {
    const all = Object.values(workflow.jobs).flatMap((job) =>
      job.steps.flatMap((s) => (s.uses ? [s.uses] : [])),
    );
    for (const action of all) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });
});
