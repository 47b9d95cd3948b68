// Map symbols drawn on a canvas at start: no sprite server, works offline.

const SIZE = 32;

function draw(paint: (ctx: CanvasRenderingContext2D) => void): ImageData {
  const canvas = document.createElement("canvas");
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("2D canvas unavailable");
  paint(ctx);
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

/** A five-pointed star, white: drawn as SDF so the map colours it by tier. */
export function starIcon(): ImageData {
  return draw((ctx) => {
    ctx.fillStyle = "#fff";
    ctx.beginPath();
    for (let i = 0; i < 10; i++) {
      const r = i % 2 === 0 ? 15 : 6.5;
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      ctx.lineTo(SIZE / 2 + r * Math.cos(a), SIZE / 2 + 1 + r * Math.sin(a));
    }
    ctx.closePath();
    ctx.fill();
  });
}

/** A dark rounded square with a white house: the 区域性党群服务中心. */
export function serviceCenterIcon(color: string): ImageData {
  return draw((ctx) => {
    ctx.fillStyle = color;
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.roundRect(3, 3, SIZE - 6, SIZE - 6, 6);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = "#fff";
    ctx.beginPath();
    ctx.moveTo(16, 8);
    ctx.lineTo(25, 16);
    ctx.lineTo(22, 16);
    ctx.lineTo(22, 24);
    ctx.lineTo(10, 24);
    ctx.lineTo(10, 16);
    ctx.lineTo(7, 16);
    ctx.closePath();
    ctx.fill();
  });
}
