// Records TensorFlow.js's outputs of nsfwjs's MobileNetV2 on a few PNG images: the reference that
// MobileNetV2ImportTest checks fastdjl's Java import against. Pure-JS CPU backend; see README.md to run it.
//
//   node make_reference.js MODEL_DIR IMAGE_DIR > mobilenetv2.json
//
// MODEL_DIR holds nsfwjs's dist/models/mobilenet_v2/{model.min.js, group1-shard1of1.min.js} (what
// `./datasets/fetch.sh mobilenetv2` puts in ~/.cache/fastdjl/mobilenetv2); IMAGE_DIR holds scikit-image's
// astronaut.png, chelsea.png and coffee.png (`./datasets/fetch.sh skimage`).
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const { PNG } = require('pngjs');

const SIZE = 224;
const IMAGES = ['astronaut.png', 'chelsea.png', 'coffee.png'];
// Layers recorded: the first conv after the asymmetric ZeroPadding2D, the last layer nsfwjs kept frozen
// (ImageNet weights), the body's output, and the model's softmax.
const MAPS = ['Conv1_relu', 'block_10_project_BN', 'out_relu'];
const OUTPUT = 'dense_3';
const CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']; // nsfwjs dist/cjs/nsfw_classes.js

function loadModel(dir) {
  const m = require(path.resolve(dir, 'model.min.js'));
  const specs = [];
  const buffers = [];
  for (const group of m.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) {
      buffers.push(Buffer.from(require(path.resolve(dir, p + '.min.js')), 'base64'));
    }
  }
  const all = Buffer.concat(buffers);
  const data = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: m.modelTopology, weightSpecs: specs, weightData: data }));
}

// The input both sides compute exactly: the centred square of side min(w, h), sampled at the nearest pixel
// ((2i+1)·side / 2·SIZE, integer division), RGB values / 255 (nsfwjs's scaling).
function input(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const side = Math.min(png.width, png.height);
  const x0 = Math.floor((png.width - side) / 2);
  const y0 = Math.floor((png.height - side) / 2);
  const v = new Float32Array(SIZE * SIZE * 3);
  for (let i = 0; i < SIZE; i++) {
    const y = y0 + Math.floor(((2 * i + 1) * side) / (2 * SIZE));
    for (let j = 0; j < SIZE; j++) {
      const x = x0 + Math.floor(((2 * j + 1) * side) / (2 * SIZE));
      const o = (y * png.width + x) * 4; // pngjs decodes to RGBA
      for (let c = 0; c < 3; c++) v[(i * SIZE + j) * 3 + c] = png.data[o + c] / 255;
    }
  }
  return tf.tensor4d(v, [1, SIZE, SIZE, 3]);
}

const round = (a) => Array.from(a, (x) => Number(x.toPrecision(7)));

async function main() {
  const [modelDir, imageDir] = process.argv.slice(2);
  if (!modelDir || !imageDir) {
    console.error('usage: node make_reference.js MODEL_DIR IMAGE_DIR > mobilenetv2.json');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const model = await loadModel(modelDir);
  const outs = [...MAPS, OUTPUT].map((n) => model.getLayer(n).output);
  const probe = tf.model({ inputs: model.inputs, outputs: outs });
  const images = {};
  for (const name of IMAGES) {
    const x = input(path.join(imageDir, name));
    const ys = probe.predict(x);
    const rec = { inputSum: Number((await x.sum().data())[0].toPrecision(9)), maps: {} };
    for (let k = 0; k < MAPS.length; k++) {
      const y = ys[k]; // NHWC
      const [, h, w] = y.shape;
      rec.maps[MAPS[k]] = {
        shape: y.shape,
        channelMean: round(await y.mean([0, 1, 2]).data()),
        // the corner that ZeroPadding2D's [[0, 1], [0, 1]] pads: a symmetric pad would change it
        bottomRight: round(await y.slice([0, h - 1, w - 1, 0], [1, 1, 1, -1]).reshape([-1]).data()),
      };
    }
    rec.probabilities = round(await ys[MAPS.length].data());
    images[name] = rec;
  }
  const out = {
    source: 'npm nsfwjs@4.4.0 dist/models/mobilenet_v2 (MIT), uint8-quantized weights',
    reference: 'TensorFlow.js ' + tf.version.tfjs + ', backend ' + tf.getBackend() + ', node ' + process.version,
    input: 'centre square, nearest pixel at (2i+1)*side/(2*224), RGB/255, NHWC 1x224x224x3',
    classes: CLASSES,
    images,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
