import { render } from "preact";
import { CheckPage, langFromLocation } from "./CheckPage.tsx";
import "../ui/app.css";
import "./check.css";

const root = document.getElementById("check");
if (root) render(<CheckPage initialLang={langFromLocation()} />, root);
