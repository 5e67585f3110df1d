interface BrushHandleProps {
  which: "start" | "end";
  /** The bar this end of the period is on, and the last bar. */
  bin: number;
  last: number;
  label: string;
  /** The date this end stands for, in words. */
  valueText: string;
  /** Inline-start offset along the plot (a CSS percentage). */
  offset: string;
  locked: boolean;
  onKeyDown: (event: KeyboardEvent) => void;
}

/** One end of the timeline's brush: a keyboard slider over the bars, dragged by the plot's pointer brush. */
export function BrushHandle(props: BrushHandleProps) {
  return (
    <div
      class="timeline-handle"
      role="slider"
      tabIndex={props.locked ? -1 : 0}
      aria-label={props.label}
      aria-describedby="timeline-hint"
      aria-orientation="horizontal"
      aria-valuemin={0}
      aria-valuemax={props.last}
      aria-valuenow={props.bin}
      aria-valuetext={props.valueText}
      aria-disabled={props.locked}
      data-handle={props.which}
      data-testid={`timeline-handle-${props.which}`}
      style={{ insetInlineStart: props.offset }}
      onKeyDown={props.onKeyDown}
    />
  );
}
