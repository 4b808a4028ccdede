import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { compareSpecificity, compilePattern, matchPattern } from "./pattern";
import { Router } from "./router";

describe("patterns", () => {
  test("compile static, parameter and wildcard segments", () => {
    assert.deepEqual(compilePattern("/users/:id/files/*path").segments, [
      { kind: "static", value: "users" },
      { kind: "param", name: "id" },
      { kind: "static", value: "files" },
      { kind: "wildcard", name: "path" },
    ]);
    assert.deepEqual(compilePattern("/").segments, []);
    assert.deepEqual(compilePattern("/users/").segments, [{ kind: "static", value: "users" }]);
  });

  test("reject malformed patterns", () => {
    for (const bad of ["users", "/a//b", "/:1st", "/:", "/*rest/more", "/:id/:id", "/a/*x/*y"]) {
      assert.throws(() => compilePattern(bad), Error, bad);
    }
  });

  test("match parameters, decoding them, ignoring the query and a trailing slash", () => {
    const p = compilePattern("/users/:id/posts/:slug");
    assert.deepEqual(matchPattern(p, "/users/42/posts/hello%20world?draft=1"), { id: "42", slug: "hello world" });
    assert.deepEqual(matchPattern(p, "/users/42/posts/x/"), { id: "42", slug: "x" });
    assert.equal(matchPattern(p, "/users/42/posts"), null);
    assert.equal(matchPattern(p, "/users/42/posts/x/y"), null);
    assert.equal(matchPattern(p, "/users//posts/x"), null);
    assert.equal(matchPattern(p, "/users/%E0%A4%A/posts/x"), null);
    assert.deepEqual(matchPattern(compilePattern("/"), "/?q=1"), {});
  });

  test("wildcards take one or more segments", () => {
    const p = compilePattern("/static/*file");
    assert.deepEqual(matchPattern(p, "/static/css/site.css"), { file: "css/site.css" });
    assert.equal(matchPattern(p, "/static"), null);
    assert.equal(matchPattern(p, "/static/"), null);
  });

  test("specificity: static before parameter before wildcard, from the left", () => {
    const order = (a: string, b: string) => Math.sign(compareSpecificity(compilePattern(a), compilePattern(b)));
    assert.equal(order("/users/new", "/users/:id"), -1);
    assert.equal(order("/users/:id", "/users/*rest"), -1);
    assert.equal(order("/:a/b", "/a/:b"), 1);
    assert.equal(order("/users/:id", "/users/:name"), 0);
    assert.equal(order("/a", "/a/:b"), 0);
  });
});

describe("router", () => {
  const router = new Router();
  router.add("get", "/users/:id", "showUser");
  router.add("GET", "/users/*rest", "userFallback");
  router.add("GET", "/users/new", "newUserForm");
  router.add("POST", "/users", "createUser");
  router.add("DELETE", "/users/:id", "deleteUser");
  router.add("GET", "/files/:name", "file");
  router.add("PUT", "/files/*path", "upload");

  test("the most specific route wins, whatever the order they were added in", () => {
    assert.deepEqual(router.match("GET", "/users/new"), { status: 200, handler: "newUserForm", params: {} });
    assert.deepEqual(router.match("GET", "/users/7"), { status: 200, handler: "showUser", params: { id: "7" } });
    assert.deepEqual(router.match("get", "/users/7/avatar"), { status: 200, handler: "userFallback", params: { rest: "7/avatar" } });
  });

  test("routes of other methods do not compete", () => {
    assert.deepEqual(router.match("DELETE", "/users/new"), { status: 200, handler: "deleteUser", params: { id: "new" } });
    assert.deepEqual(router.match("PUT", "/files/a.txt"), { status: 200, handler: "upload", params: { path: "a.txt" } });
  });

  test("HEAD falls back to GET", () => {
    assert.deepEqual(router.match("HEAD", "/files/a.txt"), { status: 200, handler: "file", params: { name: "a.txt" } });
  });

  test("405 lists the methods that would match, 404 when none would", () => {
    assert.deepEqual(router.match("PATCH", "/users/7"), { status: 405, allow: ["DELETE", "GET", "HEAD"] });
    assert.deepEqual(router.match("GET", "/users/"), { status: 405, allow: ["POST"] });
    assert.deepEqual(router.match("GET", "/nothing"), { status: 404 });
  });

  test("the same route twice is refused, parameter names aside", () => {
    assert.throws(() => router.add("get", "/users/:userId", "again"), Error);
    assert.throws(() => router.add("post", "/users/", "again"), Error);
    router.add("POST", "/users/:id", "updateUser");
    assert.deepEqual(router.match("POST", "/users/9"), { status: 200, handler: "updateUser", params: { id: "9" } });
  });
});
