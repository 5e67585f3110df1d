import { formatClaimFigures, formatPublished, groupClaimsByClaimant } from "../core/format.ts";
import type { ClaimRef, SourceRef } from "../core/incident.ts";
import type { Lang } from "../core/view-state.ts";
import { formatMessage, messagesFor } from "../i18n/messages.ts";
import { LocalText } from "./LocalText.tsx";
import "./ClaimList.css";

/** Only http(s) links are followed; the pipeline already refuses others, this keeps `javascript:` out twice. */
function safeUrl(url: string | null): string | null {
  return url !== null && /^https?:\/\//i.test(url) ? url : null;
}

/** "Source: North Pulse, published 25 January 2022 · read the article" */
export function SourceCitation({ source, lang }: { source: SourceRef; lang: Lang }) {
  const m = messagesFor(lang);
  const url = safeUrl(source.url);
  const published = formatPublished(source.published, source.published_precision, lang);
  return (
    <p class="citation">
      <span class="citation-label">{m.sourceCited}</span>{" "}
      <cite>
        <LocalText text={source.outlet} lang={lang} />
      </cite>
      {(source.affiliation.en || source.affiliation.ar) && (
        <span class="affiliation">
          {" "}
          (<LocalText text={source.affiliation} lang={lang} />)
        </span>
      )}
      {m.listSeparator}
      {formatMessage(m.publishedOn, { date: published }, lang)}
      {" · "}
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {m.readArticle}
          <span class="sr-only"> {m.articleOpensNewTab}</span>
        </a>
      ) : (
        <span class="no-link">{m.noLink}</span>
      )}
    </p>
  );
}

function Claim({ claim, lang }: { claim: ClaimRef; lang: Lang }) {
  const m = messagesFor(lang);
  const figures = formatClaimFigures(claim, lang);
  return (
    <li class={`claim stance-${claim.stance}`} data-testid="claim">
      <p class="stance">{m[`stance_${claim.stance}`]}</p>
      {(claim.text.en || claim.text.ar) && (
        <p class="claim-text">
          <LocalText text={claim.text} lang={lang} />
        </p>
      )}
      {figures && <p class="claim-figures">{figures}</p>}
      <SourceCitation source={claim.source} lang={lang} />
    </li>
  );
}

/**
 * Claims grouped by claimant. For a contested incident the groups sit side by side (stacked on a phone),
 * so the reader compares accounts rather than reading one after the other.
 */
export function ClaimList({
  claims,
  contested,
  lang,
}: {
  claims: ClaimRef[];
  contested: boolean;
  lang: Lang;
}) {
  const groups = groupClaimsByClaimant(claims);
  return (
    <div class={contested ? "claim-groups side-by-side" : "claim-groups"} data-testid="claim-list">
      {groups.map((group) => (
        <section
          class="claim-group"
          key={group.claimant.id}
          aria-labelledby={`claimant-${group.claimant.id}`}
        >
          <h4 id={`claimant-${group.claimant.id}`} class="claimant">
            <span class="actor-swatch" style={{ background: group.claimant.color }} aria-hidden="true" />
            <LocalText text={group.claimant.name} lang={lang} />
          </h4>
          <ul class="claims">
            {group.claims.map((claim) => (
              <Claim claim={claim} lang={lang} key={claim.id} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
