import { render } from "preact";
import { directionOf } from "../i18n/direction.ts";
import { CheckPage, langFromLocation } from "./CheckPage.tsx";
import "../ui/app.css";
import "../ui/short-viewport.css";
import "../ui/focus-visible.css";
import "./check.css";

const lang = langFromLocation();
// Direction before the first paint: an Arabic reader never sees the page laid out left to right first.
document.documentElement.lang = lang;
document.documentElement.dir = directionOf(lang);
const root = document.getElementById("check");
if (root) render(<CheckPage initialLang={lang} />, root);
