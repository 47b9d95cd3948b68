// Reading an exported PNG back in the browser: how many colours a region holds. A blank WebGL canvas
// (a map captured outside its frame) is one flat colour; a drawn map or chart holds many.
import type { Page } from "playwright-core";

export type Region = { x: number; y: number; width: number; height: number };

/**
 * The PNG's size, the colour of its background (a pixel of the left margin, below the top band) and,
 * per named region, the number of distinct colours (sampled).
 */
export async function pngColours<K extends string>(
  page: Page,
  png: Buffer,
  regions: Record<K, Region>,
): Promise<{ width: number; height: number; background: number[]; colours: Record<K, number> }> {
  return page.evaluate(
    async ({ base64, regions }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext("2d");
      if (!ctx) throw new Error("no 2D canvas");
      ctx.drawImage(image, 0, 0);
      const colours: Record<string, number> = {};
      for (const [name, r] of Object.entries(regions as Record<string, Region>)) {
        const data = ctx.getImageData(r.x, r.y, r.width, r.height).data;
        const seen = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 13)
          seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
        colours[name] = seen.size;
      }
      const background = Array.from(ctx.getImageData(4, 40, 1, 1).data.slice(0, 3));
      return { width: image.width, height: image.height, background, colours: colours as Record<K, number> };
    },
    { base64: png.toString("base64"), regions },
  );
}
